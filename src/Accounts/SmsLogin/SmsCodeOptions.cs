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

    /// <summary>
    /// Burst guard: at most this many codes per client address per minute, across schools. A whole campus behind one
    /// NAT shares an address; its opening hour brings a few thousand students, at most a few hundred in a minute, so
    /// the limits that protect people are per phone and per code, and this only stops a script spraying numbers.
    /// </summary>
    public int PerAddressPerMinute { get; set; } = 300;

    /// <summary>Burst guard: at most this many codes per client address per hour, across schools.</summary>
    public int PerAddressPerHour { get; set; } = 5000;

    /// <summary>Wrong entries that lock a code.</summary>
    public int MaxFailedAttempts { get; set; } = 5;
}
