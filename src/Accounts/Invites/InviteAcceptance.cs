namespace Photocollect.Accounts.Invites;

/// <summary>The outcome of setting up an account through an invite.</summary>
/// <param name="State">What the link could do when it was used: <see cref="InviteState.Open"/> when the account was made.</param>
/// <param name="Errors">What is wrong with the form (resource keys or Identity's descriptions); nothing was written.</param>
/// <param name="Email">The account's sign-in, once made.</param>
public sealed record InviteAcceptance(InviteState State, IReadOnlyList<string> Errors, string? Email)
{
    /// <summary>Whether the account now exists.</summary>
    public bool Accepted => State == InviteState.Open && Errors.Count == 0 && Email is not null;
}
