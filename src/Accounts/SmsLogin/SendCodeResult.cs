using Microsoft.EntityFrameworkCore;

namespace Photocollect.Accounts.SmsLogin;

/// <summary>Result of <see cref="SmsCodeService.SendAsync"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="RetryAfter">With <see cref="SendCodeStatus.TooSoon"/>: how long to wait.</param>
public sealed record SendCodeResult(SendCodeStatus Status, TimeSpan RetryAfter = default);
