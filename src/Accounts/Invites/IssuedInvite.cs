using Photocollect.Data;

namespace Photocollect.Accounts.Invites;

/// <summary>An invite just made, with its token: the only moment the token exists outside the link.</summary>
/// <param name="Invite">The stored invite.</param>
/// <param name="Token">The token for the link (<c>/staff/invite?token=…</c> on the school's site).</param>
/// <param name="Sent">Whether the SMS with the link went out (false when no phone was given or the provider refused).</param>
public sealed record IssuedInvite(StaffInvite Invite, string Token, bool Sent);
