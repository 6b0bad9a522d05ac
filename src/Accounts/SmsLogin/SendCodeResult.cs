using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Data;
using Photocollect.Data;
using Photocollect.Sms;

namespace Photocollect.Accounts.SmsLogin;

/// <summary>Result of <see cref="SmsCodeService.SendAsync"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="RetryAfter">With <see cref="SendCodeStatus.TooSoon"/>: how long to wait.</param>
public sealed record SendCodeResult(SendCodeStatus Status, TimeSpan RetryAfter = default);
