using Microsoft.EntityFrameworkCore;

namespace Photocollect.Accounts.SmsLogin;

/// <summary>Result of <see cref="SmsCodeService.VerifyAsync"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Phone">The normalised phone when well-formed.</param>
/// <param name="RemainingAttempts">With <see cref="VerifyCodeStatus.Wrong"/>: entries left before the lock.</param>
public sealed record VerifyCodeResult(VerifyCodeStatus Status, string? Phone = null, int RemainingAttempts = 0);
