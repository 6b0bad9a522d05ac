namespace Photocollect.Accounts.Invites;

/// <summary>What a staff invite link can still do.</summary>
public enum InviteState
{
    /// <summary>It sets up an account.</summary>
    Open = 0,

    /// <summary>No invite of this school has this token.</summary>
    Unknown = 1,

    /// <summary>An account was already set up through it.</summary>
    Used = 2,

    /// <summary>Its time ran out.</summary>
    Expired = 3,

    /// <summary>A newer link for the same person replaced it.</summary>
    Revoked = 4,
}
