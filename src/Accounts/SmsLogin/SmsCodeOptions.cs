using Microsoft.EntityFrameworkCore;

namespace Photocollect.Accounts.SmsLogin;

/// <summary>Limits of SMS login codes. Bound from <c>SmsCodes</c>.</summary>
public sealed class SmsCodeOptions
{
    /// <summary>How long a code works.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>At most one code per phone in this interval.</summary>
    public TimeSpan ResendInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>At most this many codes per phone per China calendar day.</summary>
    public int PerPhonePerDay { get; set; } = 10;

    /// <summary>At most this many codes per client address per hour, across schools.</summary>
    public int PerIpPerHour { get; set; } = 20;

    /// <summary>At most this many codes per client address per China calendar day, across schools.</summary>
    public int PerIpPerDay { get; set; } = 60;

    /// <summary>Wrong entries that lock a code.</summary>
    public int MaxFailedAttempts { get; set; } = 5;
}
