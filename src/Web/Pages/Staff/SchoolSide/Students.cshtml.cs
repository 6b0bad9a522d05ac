using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Photocollect.Data;
using Photocollect.Delivery;
using Photocollect.Delivery.Students;
using Photocollect.Grains.Orders;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Pages.Staff.SchoolSide;

/// <summary>
/// The school's students in a campaign (学生名单): search and filters, each student's status and order, the approved
/// photo's thumbnail and download; and the not-yet-collected list (未采集), to chase. Both export as Excel or CSV;
/// every export and photo download is logged.
/// </summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class StudentsModel(AppDbContext db, SchoolStudents students, FinishedPhotos photos, ExportLog log, IStringLocalizer<SharedResource> text) : CampaignPageModel(db)
{
    /// <summary><c>missing</c> for the not-collected list; otherwise all students.</summary>
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    /// <summary>Part of a name or student number.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>An order status name or <see cref="SchoolStudents.NoOrder"/>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>A level.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Level { get; set; }

    /// <summary>A college.</summary>
    [BindProperty(SupportsGet = true)]
    public string? College { get; set; }

    /// <summary>Page number, from 1.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The page of students.</summary>
    public SchoolStudents.Page? List { get; private set; }

    /// <summary>The not-collected list.</summary>
    public IReadOnlyList<SchoolStudents.Missing>? Missing { get; private set; }

    /// <summary>Whether the not-collected list comes from the school's roster (the campaign's levels of it).</summary>
    public bool FromRoster { get; private set; }

    /// <summary>Levels and colleges for the filters.</summary>
    public (IReadOnlyList<string> Levels, IReadOnlyList<string> Colleges) Facets { get; private set; } = ([], []);

    /// <summary>True for the not-collected view.</summary>
    public bool ShowsMissing => View == "missing";

    /// <summary>Shows the list.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (Campaign is null)
        {
            return;
        }

        if (ShowsMissing)
        {
            FromRoster = await students.HasRosterAsync(Campaign!.Id, cancellationToken);
            Missing = await students.NotCollectedAsync(Campaign!.Id, cancellationToken);
            return;
        }

        Facets = await students.FacetsAsync(Campaign!.Id, cancellationToken);
        List = await students.ListAsync(Filter(), PageNumber, cancellationToken);
    }

    /// <summary>The list shown (all of it, not one page), or the not-collected list, as Excel or CSV.</summary>
    public async Task<IActionResult> OnGetExportAsync(string format, CancellationToken cancellationToken)
    {
        if (format is not ("csv" or "xlsx") || Campaign is null)
        {
            return NotFound();
        }

        var table = ShowsMissing
            ? SchoolStudents.Table(await students.NotCollectedAsync(Campaign!.Id, cancellationToken), MissingState)
            : SchoolStudents.Table(await students.AllAsync(Filter(), cancellationToken), StatusText);
        await log.RecordAsync(Requesters.Staff(HttpContext), ShowsMissing ? "not-collected-" + format : "students-" + format, Campaign!.Name, table.Rows.Count, cancellationToken);
        var name = $"{(ShowsMissing ? "not-collected" : "students")}-{DateTime.UtcNow.AddHours(8):yyyyMMdd-HHmm}.{format}";
        var output = new MemoryStream();
        if (format == "csv")
        {
            await table.WriteCsvAsync(output, cancellationToken);
        }
        else
        {
            await Table.WriteXlsxAsync(output, [table], cancellationToken);
        }

        output.Position = 0;
        return File(output, format == "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name);
    }

    /// <summary>One student's approved standard photo, named as the school names delivered files (logged).</summary>
    public async Task<IActionResult> OnGetPhotoAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (await photos.ApprovedAsync(orderId, mayShowIdNumber: true, cancellationToken) is not { } photo)
        {
            return NotFound();
        }

        await log.RecordAsync(Requesters.Staff(HttpContext), "photo", photo.StudentNumber, 1, cancellationToken);
        return File(photo.Jpeg, "image/jpeg", photo.FileName);
    }

    /// <summary>The words for a status (or none).</summary>
    public string StatusText(OrderStatus? status) => status is { } s ? text[$"OrderStatus.{s}"] : text["Students.NoOrder"];

    /// <summary>The words for where a not-collected student stands.</summary>
    public string MissingState(SchoolStudents.Missing m) =>
        !m.Verified ? text["Students.Missing.NotVerified"] : m.Status is { } s ? text[$"OrderStatus.{s}"] : text["Students.Missing.NoOrder"];

    /// <summary>A link to this list with one value changed.</summary>
    public string Link(int? page = null, string? view = null) =>
        $"{Request.PathBase}/staff/students?CampaignId={CampaignId}&View={Uri.EscapeDataString(view ?? View ?? "")}&Q={Uri.EscapeDataString(Q ?? "")}&Status={Uri.EscapeDataString(Status ?? "")}"
        + $"&Level={Uri.EscapeDataString(Level ?? "")}&College={Uri.EscapeDataString(College ?? "")}&p={page ?? PageNumber}";

    private SchoolStudents.Filter Filter() => new(Campaign!.Id, Q, Status, Level, College);
}
