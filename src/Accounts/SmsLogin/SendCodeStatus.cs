using Microsoft.EntityFrameworkCore;

namespace Photocollect.Accounts.SmsLogin;

/// <summary>Outcome of asking for a code.</summary>
public enum SendCodeStatus
{
    /// <summary>Sent.</summary>
    Sent,

    /// <summary>Not a mainland mobile number.</summary>
    InvalidPhone,

    /// <summary>One was sent less than the resend interval ago; see RetryAfter.</summary>
    TooSoon,

    /// <summary>The phone's daily limit is reached.</summary>
    PhoneDailyLimit,

    /// <summary>The client address's limit is reached.</summary>
    IpLimit,

    /// <summary>The SMS provider failed; nothing was stored.</summary>
    SendFailed,
}
