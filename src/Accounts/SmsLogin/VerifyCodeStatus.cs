using Microsoft.EntityFrameworkCore;

namespace Photocollect.Accounts.SmsLogin;

/// <summary>Outcome of checking a code.</summary>
public enum VerifyCodeStatus
{
    /// <summary>Correct; the code is now used.</summary>
    Verified,

    /// <summary>Not a mainland mobile number.</summary>
    InvalidPhone,

    /// <summary>Not six digits; not counted as an attempt.</summary>
    Malformed,

    /// <summary>No usable code: never sent, expired, or already used.</summary>
    NoActiveCode,

    /// <summary>Wrong; see RemainingAttempts.</summary>
    Wrong,

    /// <summary>Too many wrong entries: the code is locked; ask for a new one.</summary>
    Locked,
}
