namespace Photocollect.Grains.Students;

/// <summary>The result of a verification attempt.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="RemainingAttempts">Wrong entries left before the lock.</param>
/// <param name="LockedUntil">When the lock ends, when locked.</param>
[GenerateSerializer, Immutable]
public sealed record VerificationResult(VerificationOutcome Outcome, int RemainingAttempts, DateTimeOffset? LockedUntil);
