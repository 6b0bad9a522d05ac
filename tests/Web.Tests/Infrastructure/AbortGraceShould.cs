using Microsoft.AspNetCore.Http;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Tests.Infrastructure;

/// <summary>A request whose client left goes on for <see cref="AbortGrace.Grace"/>, then is cancelled.</summary>
public sealed class AbortGraceShould
{
    [Fact]
    public async Task LetARequestFinishAfterItsClientLeftAndCancelItAfterTheGrace()
    {
        using var client = new CancellationTokenSource();
        var context = new DefaultHttpContext { RequestAborted = client.Token };
        var seen = CancellationToken.None;
        var (whenLeft, whenCancelled) = (TimeSpan.Zero, TimeSpan.Zero);
        var middleware = new AbortGrace(async http =>
        {
            seen = http.RequestAborted;
            var started = TimeProvider.System.GetTimestamp();
            whenLeft = TimeProvider.System.GetElapsedTime(started);
            await client.CancelAsync();  // the client leaves while the page works
            Assert.False(seen.IsCancellationRequested);
            await Task.Delay(AbortGrace.Grace * 3, seen).ContinueWith(_ => { }, TaskScheduler.Default);
            whenCancelled = TimeProvider.System.GetElapsedTime(started);
        });

        await middleware.InvokeAsync(context);

        Assert.NotEqual(client.Token, seen);
        Assert.True(seen.IsCancellationRequested);
        Assert.InRange(whenCancelled - whenLeft, AbortGrace.Grace - TimeSpan.FromMilliseconds(20), AbortGrace.Grace * 2);
        Assert.Equal(client.Token, context.RequestAborted);  // the client's own token back for whatever runs after
    }

    [Fact]
    public async Task NeverCancelARequestThatEndedBeforeItsClientLeft()
    {
        using var client = new CancellationTokenSource();
        var context = new DefaultHttpContext { RequestAborted = client.Token };
        var seen = CancellationToken.None;
        await new AbortGrace(http =>
        {
            seen = http.RequestAborted;
            return Task.CompletedTask;
        }).InvokeAsync(context);

        await client.CancelAsync();
        await Task.Delay(AbortGrace.Grace + TimeSpan.FromMilliseconds(500));

        Assert.False(seen.IsCancellationRequested);
    }
}
