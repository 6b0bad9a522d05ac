using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Photocollect.Accounts;
using Photocollect.Accounts.Invites;
using Photocollect.Collection.Registry;
using Photocollect.Data;
using Photocollect.Payments;
using Photocollect.Sms;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Settings;
using Photocollect.Web.Infrastructure;
using Photocollect.Web.Platform;

namespace Photocollect.Web.Pages.Staff.Platform;

/// <summary>
/// One school on the operator's console: its name, hosts, branding, logo and support contact; its adapters (the SMS
/// provider, the student registry and the payment provider with its WeChat Pay sub-merchant number, secrets masked and kept when left empty, checked before saving); and its staff
/// invites, with a new one-time link for the admin (an older open link stops working).
/// </summary>
[Authorize(Policy = Policies.PlatformOperator)]
[BodyLimit(SchoolLogoFile.MaxBytes * 8)]
public sealed class SchoolModel(AppDbContext db, TenantContext tenant, ITenantSettings settings, IPlatformSettings platform, SchoolOnboarding onboarding, InviteLinks inviteLinks,
    StaffInvites invites, AuditTrail audit) : PageModel
{
    /// <summary>The school.</summary>
    public School School { get; private set; } = null!;

    /// <summary>The details form.</summary>
    [BindProperty]
    public SchoolForm Form { get; set; } = new();

    /// <summary>The adapters form.</summary>
    [BindProperty]
    public SchoolAdapters Adapters { get; set; } = new();

    /// <summary>A new invite's e-mail.</summary>
    [BindProperty]
    public string? InviteEmail { get; set; }

    /// <summary>A new invite's phone.</summary>
    [BindProperty]
    public string? InvitePhone { get; set; }

    /// <summary>Problems by field (resource keys).</summary>
    public Dictionary<string, string> Problems { get; private set; } = [];

    /// <summary>The school's invites, newest first.</summary>
    public IReadOnlyList<StaffInvite> Invites { get; private set; } = [];

    /// <summary>The stored secrets, masked.</summary>
    public (string Sms, string Registry) Masked { get; private set; } = (string.Empty, string.Empty);

    /// <summary>A new link, shown once.</summary>
    public (string Link, DateTimeOffset Expires, bool Sent)? NewInvite { get; private set; }

    /// <summary>What was saved (a resource key), or null.</summary>
    public string? Saved { get; private set; }

    /// <summary>Shows the school.</summary>
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Form = await onboarding.FormOfAsync(School, cancellationToken);
        await ShowAdaptersAsync(keepTyped: false, cancellationToken);
        return Page();
    }

    /// <summary>Saves the details.</summary>
    public async Task<IActionResult> OnPostDetailsAsync(Guid id, IFormFile? logo, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Problems = await onboarding.ProblemsAsync(Form, School, cancellationToken);
        var file = await SchoolLogoUpload.ReadAsync(logo, Problems, cancellationToken);
        if (Problems.Count == 0)
        {
            var before = await onboarding.FormOfAsync(School, cancellationToken);
            await onboarding.UpdateAsync(School, Form, file, cancellationToken);
            var changed = typeof(SchoolForm).GetProperties().Where(p => !Equals(p.GetValue(before), p.GetValue(Form)) && p.Name is not nameof(SchoolForm.Slug) and not nameof(SchoolForm.SchoolCode)
                && p.GetValue(Form) is not null).Select(p => p.Name).Concat(file is null ? [] : ["Logo"]).ToList();
            await audit.RecordAsync(AuditActions.SchoolChanged, School.Slug, new { changed }, cancellationToken);
            await LoadAsync(id, cancellationToken);
            Form = await onboarding.FormOfAsync(School, cancellationToken);
            Saved = "Onboard.Saved";
        }

        await ShowAdaptersAsync(keepTyped: false, cancellationToken);
        return Page();
    }

    /// <summary>Saves the adapters.</summary>
    public async Task<IActionResult> OnPostAdaptersAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Form = await onboarding.FormOfAsync(School, cancellationToken);
        using (tenant.EnterTenant(School))
        {
            var sms = await settings.GetAsync<SmsSettings>(cancellationToken);
            var registry = await settings.GetAsync<RegistrySettings>(cancellationToken);
            var payments = await settings.GetAsync<PaymentSettings>(cancellationToken);
            var (newSms, newRegistry, newPayments) = Adapters.Merge(sms, registry, payments);
            foreach (var problem in SchoolAdapters.Problems(newSms, newRegistry, newPayments, await platform.GetAsync<WeChatPlatformSettings>(cancellationToken)))
            {
                Problems.TryAdd(problem.Field, problem.Key);
            }

            if (Problems.Count == 0)
            {
                await settings.SaveAsync(newSms, cancellationToken);
                await settings.SaveAsync(newRegistry, cancellationToken);
                await settings.SaveAsync(newPayments, cancellationToken);
                Saved = "Onboard.AdaptersSaved";
            }
        }

        if (Saved is not null)
        {
            await audit.RecordAsync(AuditActions.SchoolAdapters, School.Slug, new { sms = Adapters.SmsProvider.ToString(), registry = Adapters.RegistryProvider, payments = Adapters.PaymentProvider.ToString() }, cancellationToken);
        }

        await ShowAdaptersAsync(keepTyped: Problems.Count > 0, cancellationToken);
        return Page();
    }

    /// <summary>Makes a new invite for a school admin.</summary>
    public async Task<IActionResult> OnPostInviteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Form = await onboarding.FormOfAsync(School, cancellationToken);
        var probe = new SchoolForm { AdminEmail = InviteEmail, AdminPhone = InvitePhone };
        var inviteProblems = await onboarding.ProblemsAsync(probe, null, cancellationToken);
        foreach (var field in new[] { nameof(SchoolForm.AdminEmail), nameof(SchoolForm.AdminPhone) })
        {
            if (inviteProblems.TryGetValue(field, out var key))
            {
                Problems[field] = key;
            }
        }

        if (Problems.Count == 0)
        {
            var (issued, link) = await inviteLinks.IssueAdminAsync(School, InviteEmail!.Trim(), PhoneNumber.Normalise(InvitePhone), User.Identity?.Name ?? "operator", cancellationToken);
            NewInvite = (link, issued.Invite.ExpiresAt, issued.Sent);
            await LoadAsync(id, cancellationToken);
        }

        await ShowAdaptersAsync(keepTyped: false, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (tenant.Kind != TenantScopeKind.Platform || await db.Schools.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is not { } school)
        {
            return false;
        }

        School = school;
        using (tenant.EnterTenant(school))
        {
            Invites = await invites.ListAsync(cancellationToken);
        }

        return true;
    }

    // The stored secrets, masked, and (unless the adapters form comes back with its problems) the stored adapters.
    private async Task ShowAdaptersAsync(bool keepTyped, CancellationToken cancellationToken)
    {
        using (tenant.EnterTenant(School))
        {
            var sms = await settings.GetAsync<SmsSettings>(cancellationToken);
            var registry = await settings.GetAsync<RegistrySettings>(cancellationToken);
            Masked = (SecretMask.Mask(sms.AccessKeySecret), SecretMask.Mask(registry.ApiKey));
            if (!keepTyped)
            {
                Adapters = SchoolAdapters.From(sms, registry, await settings.GetAsync<PaymentSettings>(cancellationToken));
            }
        }
    }
}
