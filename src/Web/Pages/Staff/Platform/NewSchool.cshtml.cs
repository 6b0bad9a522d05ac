using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Photocollect.Accounts;
using Photocollect.Data;
using Photocollect.Tenancy;
using Photocollect.Web.Infrastructure;
using Photocollect.Web.Platform;

namespace Photocollect.Web.Pages.Staff.Platform;

/// <summary>
/// Onboarding a school (开通学校): the operator types its slug, name, code, hosts, branding, logo and support contact
/// and its first admin's e-mail (and phone). A form with problems comes back with each field's problem under it and
/// everything typed kept (the logo must be chosen again). On success the school exists with its default rejection
/// reasons, and the admin's one-time link is shown here once (and sent by SMS when a phone was given).
/// </summary>
[Authorize(Policy = Policies.PlatformOperator)]
[BodyLimit(SchoolLogoFile.MaxBytes * 8)]
public sealed class NewSchoolModel(SchoolOnboarding onboarding, InviteLinks invites, TenantContext tenant, AuditTrail audit) : PageModel
{
    /// <summary>The form.</summary>
    [BindProperty]
    public SchoolForm Form { get; set; } = new();

    /// <summary>Problems by field (resource keys).</summary>
    public Dictionary<string, string> Problems { get; private set; } = [];

    /// <summary>The school just made, with the admin's link and whether the SMS went out.</summary>
    public (School School, string Link, DateTimeOffset Expires, bool Sent)? Created { get; private set; }

    /// <summary>Shows the empty form.</summary>
    public IActionResult OnGet() => tenant.Kind == TenantScopeKind.Platform ? Page() : NotFound();

    /// <summary>Checks and creates.</summary>
    public async Task<IActionResult> OnPostAsync(IFormFile? logo, CancellationToken cancellationToken)
    {
        if (tenant.Kind != TenantScopeKind.Platform)
        {
            return NotFound();
        }

        Problems = await onboarding.ProblemsAsync(Form, null, cancellationToken);
        var file = await SchoolLogoUpload.ReadAsync(logo, Problems, cancellationToken);
        if (Problems.Count > 0)
        {
            return Page();
        }

        var school = await onboarding.CreateAsync(Form, file, cancellationToken);
        if (school is null)
        {
            // Taken between the check and the insert: say which, as the check would now.
            Problems = await onboarding.ProblemsAsync(Form, null, cancellationToken);
            return Page();
        }

        await audit.RecordAsync(AuditActions.SchoolCreated, school.Slug, new { name = school.DisplayName, code = school.SchoolCode, hosts = school.HostNames }, cancellationToken);
        var phone = PhoneNumber.Normalise(Form.AdminPhone);
        var (issued, link) = await invites.IssueAdminAsync(school, Form.AdminEmail!.Trim(), phone, User.Identity?.Name ?? "operator", cancellationToken);
        Created = (school, link, issued.Invite.ExpiresAt, issued.Sent);
        return Page();
    }
}
