using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Photocollect.Accounts;
using Photocollect.Data;
using Photocollect.Tenancy;
using Photocollect.Web.Platform;

namespace Photocollect.Web.Pages.Staff.Platform;

/// <summary>
/// The operator's support page (客服查询), at the platform's address: finds a student at any school by phone number or
/// order number (masked results), shows one student's records, orders with their history and the SMS sent to them,
/// and sends their last notification again through their school's provider. Every search, every look at a student
/// and every resend is on the audit trail, at the platform's level.
/// </summary>
[Authorize(Policy = Policies.PlatformOperator)]
public sealed class SupportModel(SupportDesk desk, TenantContext tenant, AuditTrail audit) : PageModel
{
    /// <summary>What was typed: a phone number or an order number.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    /// <summary>The school of the student looked at.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? School { get; set; }

    /// <summary>The student's account looked at.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Account { get; set; }

    /// <summary>The text key of what was wrong with the query, or null.</summary>
    public string? Problem { get; set; }

    /// <summary>True once a search ran.</summary>
    public bool Searched { get; private set; }

    /// <summary>The students found.</summary>
    public IReadOnlyList<SupportDesk.Match> Matches { get; private set; } = [];

    /// <summary>The student looked at.</summary>
    public SupportDesk.Student? Student { get; private set; }

    /// <summary>A message after a resend.</summary>
    [TempData]
    public string? Info { get; set; }

    /// <summary>True when <see cref="Info"/> reports a failure.</summary>
    [TempData]
    public bool InfoIsError { get; set; }

    /// <summary>Searches, or shows one student.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (tenant.Kind != TenantScopeKind.Platform)
        {
            return NotFound();
        }

        if (School is { } school && Account is { } account)
        {
            Student = await desk.StudentAsync(school, account, cancellationToken);
            if (Student is null)
            {
                return NotFound();
            }

            await audit.RecordAsync(AuditActions.SupportView, $"{Student.School.Slug} {Student.MaskedPhone}",
                new { school = Student.School.Slug, account, orders = Student.Orders.Count, messages = Student.Messages.Count }, cancellationToken);
            return Page();
        }

        // An empty box submitted binds as null: the key tells a search asked for from a first visit.
        if (Query is null && !Request.Query.ContainsKey("q"))
        {
            return Page();
        }

        var query = SupportDesk.Read(Query);
        if (query.Problem is not null)
        {
            Problem = query.Problem;
            return Page();
        }

        Matches = await desk.FindAsync(query, cancellationToken);
        Searched = true;
        if (Matches.Count == 0 && query.Kind == SupportDesk.QueryKind.Order)
        {
            Problem = "PlatformSupport.Error.UnknownOrder";
        }

        await audit.RecordAsync(AuditActions.SupportSearch, query.Masked,
            new { by = query.Kind == SupportDesk.QueryKind.Phone ? "phone" : "order", found = Matches.Count }, cancellationToken);
        return Page();
    }

    /// <summary>Sends the student's last notification again.</summary>
    public async Task<IActionResult> OnPostResendAsync(Guid school, Guid account, CancellationToken cancellationToken)
    {
        if (tenant.Kind != TenantScopeKind.Platform)
        {
            return NotFound();
        }

        var resent = await desk.ResendLastAsync(school, account, cancellationToken);
        if (resent is null)
        {
            Info = "PlatformSupport.NothingToResend";
            InfoIsError = true;
        }
        else
        {
            // Back in the platform's scope: the operator's action is a platform one, whichever school sent the message.
            await audit.RecordAsync(AuditActions.SupportResend, $"{resent.School.Slug} {resent.MaskedPhone}",
                new { school = resent.School.Slug, account, template = resent.Template, sent = resent.Error is null, error = resent.Error }, cancellationToken);
            Info = resent.Error is null ? "PlatformSupport.Resent" : "PlatformSupport.ResendFailed";
            InfoIsError = resent.Error is not null;
        }

        return RedirectToPage(new { school, account });
    }
}
