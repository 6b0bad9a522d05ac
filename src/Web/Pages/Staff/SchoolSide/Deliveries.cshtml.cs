using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using Photocollect.Data;
using Photocollect.Delivery.Batches;
using Photocollect.Delivery.Students;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Pages.Staff.SchoolSide;

/// <summary>
/// Delivery (成果交付): how the school's files are named, how many finished photos wait to be delivered, new batches
/// (all, or one level or college), and each batch's ZIP (photos, manifest, validation report) and print sheets.
/// </summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class DeliveriesModel(AppDbContext db, Deliveries deliveries, SchoolStudents students, CampaignDirectory campaigns, IStringLocalizer<SharedResource> text) : CampaignPageModel(db)
{
    /// <summary>Only this level.</summary>
    [BindProperty]
    public string? Level { get; set; }

    /// <summary>Only this college.</summary>
    [BindProperty]
    public string? College { get; set; }

    /// <summary>Also photos delivered before.</summary>
    [BindProperty]
    public bool IncludeDelivered { get; set; }

    /// <summary>The file naming chosen.</summary>
    [BindProperty]
    public DeliveryNaming Naming { get; set; }

    /// <summary>Photos waiting for their first delivery.</summary>
    public int Ready { get; private set; }

    /// <summary>The batches, newest first.</summary>
    public IReadOnlyList<Deliveries.BatchView> Batches { get; private set; } = [];

    /// <summary>Levels and colleges for the form.</summary>
    public (IReadOnlyList<string> Levels, IReadOnlyList<string> Colleges) Facets { get; private set; } = ([], []);

    /// <summary>A message after an action.</summary>
    [TempData]
    public string? Info { get; set; }

    /// <summary>A problem (resource key).</summary>
    public string? Problem { get; private set; }

    /// <summary>Shows the page.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Saves how files are named.</summary>
    public async Task<IActionResult> OnPostNamingAsync(CancellationToken cancellationToken)
    {
        if (Campaign is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid || !Enum.IsDefined(Naming))
        {
            // A value that is not one of the choices changes nothing.
            Problem = "Deliveries.Error.Naming";
            await LoadAsync(cancellationToken);
            return Page();
        }

        await Db.Campaigns.Where(c => c.Id == Campaign!.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.DeliveryNaming, Naming), cancellationToken);
        campaigns.Forget(Campaign.TenantId);
        Info = text["Deliveries.NamingSaved", text[$"DeliveryNaming.{Naming}"]];
        return RedirectToPage(new { CampaignId });
    }

    /// <summary>Makes a batch.</summary>
    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        if (Campaign is null)
        {
            return NotFound();
        }

        var selection = new Deliveries.Selection(Campaign!.Id, Blank(Level), Blank(College), IncludeDelivered);
        var by = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        if (await deliveries.CreateAsync(selection, by, cancellationToken) is not { } batch)
        {
            Problem = "Deliveries.Error.Empty";
            await LoadAsync(cancellationToken);
            return Page();
        }

        Info = text["Deliveries.Created", batch.Number, batch.PhotoCount];
        return RedirectToPage(new { CampaignId });
    }

    /// <summary>The batch's ZIP, streamed as it is written.</summary>
    public async Task<IActionResult> OnGetZipAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await deliveries.FindAsync(id, cancellationToken) is not { } batch)
        {
            return NotFound();
        }

        Response.ContentType = "application/zip";
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = Deliveries.ZipName(batch) }.ToString();
        Response.Headers.CacheControl = "no-store";
        await deliveries.WriteZipAsync(batch, Response.Body, Requesters.Staff(HttpContext), cancellationToken);
        return new EmptyResult();
    }

    /// <summary>The batch's print sheets: <c>format</c> pdf or jpg, <c>layout</c> one of the presets.</summary>
    public async Task<IActionResult> OnGetPrintsAsync(Guid id, string? format, string? layout, CancellationToken cancellationToken)
    {
        var sheet = string.IsNullOrEmpty(layout) ? Delivery.Prints.PrintLayout.FiveInchEightOneInch : Delivery.Prints.PrintLayout.Find(layout);
        if (sheet is null || format is not ("pdf" or "jpg") || await deliveries.FindAsync(id, cancellationToken) is not { } batch)
        {
            return NotFound();
        }

        var pdf = format == "pdf";
        Response.ContentType = pdf ? "application/pdf" : "application/zip";
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = Deliveries.PrintsName(batch, pdf) }.ToString();
        Response.Headers.CacheControl = "no-store";
        await deliveries.WritePrintsAsync(batch, Response.Body, pdf, sheet, Requesters.Staff(HttpContext), cancellationToken);
        return new EmptyResult();
    }

    /// <summary>Words for a print layout.</summary>
    public string LayoutText(Delivery.Prints.PrintLayout layout) => text[$"PrintLayout.{layout.Key}"];

    /// <summary>Words for a naming choice.</summary>
    public string NamingText(DeliveryNaming naming) => text[$"DeliveryNaming.{naming}"];

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (Campaign is null)
        {
            return;
        }

        Naming = Campaign.DeliveryNaming;
        Ready = await deliveries.CountAsync(new Deliveries.Selection(Campaign.Id, null, null, false), cancellationToken);
        Batches = await deliveries.ListAsync(Campaign.Id, cancellationToken);
        Facets = await students.FacetsAsync(Campaign.Id, cancellationToken);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
