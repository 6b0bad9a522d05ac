namespace Photocollect.Web.Tests.TestKit;

/// <summary>Real time plus an offset the test can move forward (expiry and rate-limit windows).</summary>
public sealed class ShiftingClock : TimeProvider
{
    private long _offsetTicks;

    /// <summary>Moves "now" forward.</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
