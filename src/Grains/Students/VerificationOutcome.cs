namespace Photocollect.Grains.Students;

/// <summary>How a verification attempt ended.</summary>
[GenerateSerializer]
public enum VerificationOutcome
{
    /// <summary>Verified.</summary>
    Verified,

    /// <summary>Wrong; <see cref="VerificationResult.RemainingAttempts"/> more are allowed.</summary>
    Wrong,

    /// <summary>Too many wrong entries: refused until <see cref="VerificationResult.LockedUntil"/>.</summary>
    Locked,
}
