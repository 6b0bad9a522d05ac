using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Photocollect.Accounts.Invites;
using Photocollect.Data;
using Photocollect.Tenancy;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Pages.Staff;

/// <summary>
/// Setting up a staff account from an invite link (on the school's own address): the person gives their name and a
/// password; the link then stops working. A used, expired, replaced or unknown link says so and what to do next.
/// </summary>
[AllowAnonymous]
public sealed class InviteModel(StaffInvites invites, TenantContext tenant, AuditTrail audit) : PageModel
{
    /// <summary>The link's token.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    /// <summary>The name shown on staff pages.</summary>
    [BindProperty]
    public string? DisplayName { get; set; }

    /// <summary>The password.</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>The password again.</summary>
    [BindProperty]
    public string? Confirm { get; set; }

    /// <summary>What the link can do.</summary>
    public InviteState State { get; private set; }

    /// <summary>The invite, when the link names one.</summary>
    public StaffInvite? Invite { get; private set; }

    /// <summary>Problems with the form (resource keys).</summary>
    public IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>Whether the account was just made.</summary>
    public bool Done { get; private set; }

    /// <summary>Shows the form, or what is wrong with the link.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (tenant.Kind != TenantScopeKind.Tenant)
        {
            return NotFound();
        }

        (State, Invite) = await invites.InspectAsync(Token, cancellationToken);
        return Page();
    }

    /// <summary>Sets up the account.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (tenant.Kind != TenantScopeKind.Tenant)
        {
            return NotFound();
        }

        (State, Invite) = await invites.InspectAsync(Token, cancellationToken);
        if (State != InviteState.Open)
        {
            return Page();
        }

        if (!string.Equals(Password, Confirm, StringComparison.Ordinal))
        {
            Errors = ["Invite.Error.Confirm"];
            return Page();
        }

        var accepted = await invites.AcceptAsync(Token, DisplayName, Password, cancellationToken);
        State = accepted.State;
        Errors = accepted.Errors;
        if (accepted.Accepted)
        {
            Done = true;
            await audit.RecordAsAsync(null, accepted.Email!, Invite!.Role, Requesters.Address(HttpContext), AuditActions.InviteAccepted, accepted.Email!, new { role = Invite.Role, invitedBy = Invite.CreatedBy }, cancellationToken);
        }

        return Page();
    }
}
