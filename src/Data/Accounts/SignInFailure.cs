namespace Photocollect.Data;

/// <summary>
/// One failed staff sign-in, kept a day for the throttle: who tried (the client address) and which account was typed
/// (known or not; the same for both). Not a school's row: an address is throttled across schools.
/// </summary>
public sealed class SignInFailure
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <summary>Client address.</summary>
    public required string Address { get; set; }

    /// <summary>The account as typed, normalised: <c>{school slug or "platform"}:{e-mail in lower case}</c>.</summary>
    public required string Account { get; set; }

    /// <summary>When (UTC).</summary>
    public DateTimeOffset At { get; set; }
}
