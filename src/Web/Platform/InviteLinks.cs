using Photocollect.Accounts.Invites;
using Photocollect.Data;
using Photocollect.Tenancy;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Platform;

/// <summary>Issues a school admin's invite from the operator's pages: inside the school's scope, with the link on the school's address, audited.</summary>
public sealed class InviteLinks(StaffInvites invites, TenantContext tenant, SchoolUrls urls, AuditTrail audit)
{
    /// <summary>Makes the invite and returns the invite and its link (shown once to the operator).</summary>
    public async Task<(IssuedInvite Issued, string Link)> IssueAdminAsync(School school, string email, string? phone, string operatorName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(school);
        string LinkOf(string token) => $"{urls.OfSlug(school.Slug)}/staff/invite?token={token}";
        IssuedInvite issued;
        using (tenant.EnterTenant(school))
        {
            issued = await invites.IssueAsync(email, phone, Roles.SchoolAdmin, operatorName, LinkOf, cancellationToken);
        }

        // On the platform's trail (the operator acted), naming the school.
        await audit.RecordAsync(AuditActions.InviteIssued, school.Slug, new { email, role = Roles.SchoolAdmin, sms = issued.Sent, expires = issued.Invite.ExpiresAt }, cancellationToken);
        return (issued, LinkOf(issued.Token));
    }
}
