using Photocollect.Collection;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>
/// The app's vision gate as a burst of uploads leaves it: every worker busy and every queue place taken, by work that
/// waits until the test lets it go (dispose). The next upload is the one that overflows.
/// </summary>
public sealed class VisionBurst : IAsyncDisposable
{
    private readonly ManualResetEventSlim release = new();
    private readonly List<Task<bool>> held = [];

    private VisionBurst()
    {
    }

    /// <summary>Fills the gate: first its workers (waiting until each has started), then its queue.</summary>
    public static async Task<VisionBurst> FillAsync(VisionGate gate)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var full = new VisionBurst();
        for (var i = 0; i < gate.Workers; i++)
        {
            full.held.Add(gate.RunAsync(full.Hold));
        }

        for (var waited = 0; gate.Running < gate.Workers; waited += 10)
        {
            Assert.True(waited < 10_000, "the vision workers did not start");
            await Task.Delay(10);
        }

        for (var i = 0; i < gate.QueueLength; i++)
        {
            full.held.Add(gate.RunAsync(full.Hold));
        }

        return full;
    }

    /// <summary>Lets the held work finish and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        release.Set();
        Assert.All(await Task.WhenAll(held), Assert.True);
        release.Dispose();
    }

    private bool Hold() => release.Wait(TimeSpan.FromMinutes(2));
}
