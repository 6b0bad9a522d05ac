namespace Photocollect.Web.Infrastructure;

/// <summary>
/// Lets a request whose client went away finish for up to <see cref="Grace"/> before its
/// <see cref="HttpContext.RequestAborted"/> fires. A page takes milliseconds, and cancelling it halfway costs more than
/// finishing it: every database command it cancels sends PostgreSQL a cancel request on a connection of its own (or
/// breaks the pooled connection when caught while it opens), and the exceptions unwind through code nothing else runs.
/// The first time a crowd's connections close at once (a load generator stopping, a phone network dropping), the
/// thread pool spent up to a second compiling that code while every other request waited (docs/benchmarks.md, issue
/// 19, tenth round). Streams (the offline queue's events, ZIP downloads) still end, <see cref="Grace"/> later; a
/// body still being read fails at once, as before.
/// </summary>
public sealed class AbortGrace(RequestDelegate next)
{
    /// <summary>How long a request goes on after its client left.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    /// <summary>Runs the rest of the pipeline with the later token.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var aborted = context.RequestAborted;
        using var later = new CancellationTokenSource();
        using (aborted.UnsafeRegister(static state => ((CancellationTokenSource)state!).CancelAfter(Grace), later))
        {
            context.RequestAborted = later.Token;
            try
            {
                await next(context);
            }
            finally
            {
                context.RequestAborted = aborted;
            }
        }
    }
}
