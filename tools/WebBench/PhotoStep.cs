using System.Diagnostics;
using Photocollect.BenchKit;

namespace Photocollect.WebBench;

/// <summary>
/// The photo step as a student's browser takes it: the camera page, the 12 MP JPEG through its upload form (with the
/// form's anti-forgery token), the redirect followed to the result page; timed from the upload's last byte to the
/// end of the result page's HTML. First one student at a time, then every uploader at once in a loop while a reader
/// asks for other signed-in students' order lists at a steady rate (open loop: a slow answer does not slow the asking).
/// The product has no per-student limit on uploads (only the live camera's frames are throttled), so the uploaders
/// take turns only to look like different students.
/// </summary>
public sealed class PhotoStep(Settings settings, byte[] photo)
{
    private static readonly TimeSpan P50Goal = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan P99Goal = TimeSpan.FromMilliseconds(600);
    private static readonly TimeSpan PagesGoal = TimeSpan.FromMilliseconds(100);

    /// <summary>Runs both halves: <paramref name="uploaders"/> upload, <paramref name="readers"/> are read.</summary>
    public async Task<IReadOnlyList<Row>> RunAsync(IReadOnlyList<StudentBrowser> uploaders, IReadOnlyList<StudentBrowser> readers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uploaders);
        ArgumentNullException.ThrowIfNull(readers);
        var size = $"{photo.Length / 1024.0 / 1024:0.0} MB";
        Report.Progress($"photo step: {settings.SerialUploads} uploads of the 12 MP photo ({size}), one student at a time");
        await UploadAsync(uploaders[^1], cancellationToken);  // unmeasured: the first 12 MP photo warms the decoder's and the models' paths
        var alone = new Timings();
        for (var i = 0; i < settings.SerialUploads; i++)
        {
            alone.Add(await UploadAsync(uploaders[i % uploaders.Count], cancellationToken));
        }

        Report.Progress($"photo step: {uploaders.Count} students uploading at once for {settings.ConcurrentSeconds} s, order lists read at {settings.ReaderRate}/s");
        var together = new Timings();
        var pages = new Timings();
        using (var window = new CancellationTokenSource(TimeSpan.FromSeconds(settings.ConcurrentSeconds)))
        {
            var uploading = uploaders.Select(s => Task.Run(async () =>
            {
                while (!window.IsCancellationRequested)
                {
                    var one = await UploadAsync(s, cancellationToken);
                    together.Add(one);
                    if (one.FromLastByte is null)
                    {
                        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);  // a person taps again after a moment
                    }
                }
            }, cancellationToken)).ToList();
            await ReadAsync(readers, pages, window.Token, cancellationToken);
            await Task.WhenAll(uploading);
        }

        return
        [
            alone.Row("photo step", $"12 MP JPEG ({size}) through the upload form, one student at a time: last byte → result page HTML")
                with { Goal = $"p50 ≤ {P50Goal.TotalMilliseconds:0} ms, p99 ≤ {P99Goal.TotalMilliseconds:0} ms", Met = alone.Meets(P50Goal, P99Goal) },
            together.Row("photo step", $"the same, {uploaders.Count} students uploading at once in a loop for {settings.ConcurrentSeconds} s"),
            pages.Row("photo step", $"meanwhile: other students' order list `{StudentBrowser.School.Pages}/orders`, {settings.ReaderRate} req/s open loop")
                with { Goal = $"p99 < {PagesGoal.TotalMilliseconds:0} ms", Met = pages.Meets(null, PagesGoal - TimeSpan.FromTicks(1)) },
        ];
    }

    private async Task<UploadResult> UploadAsync(StudentBrowser student, CancellationToken cancellationToken)
    {
        var capture = await student.PageAsync("page GET /collect/capture", StudentBrowser.School.Pages + "/collect/capture", cancellationToken);
        return capture.Ok
            ? await student.UploadPhotoAsync("12 MP", photo, cancellationToken)
            : new UploadResult(capture with { Error = "camera page: " + capture.Error }, null, null, 0);
    }

    private async Task ReadAsync(IReadOnlyList<StudentBrowser> readers, Timings pages, CancellationToken window, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var reads = new List<Task>();
        for (var i = 0; !window.IsCancellationRequested; i++)
        {
            var wait = TimeSpan.FromSeconds(i / (double)settings.ReaderRate) - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, window);
                }
                catch (OperationCanceledException) when (window.IsCancellationRequested)
                {
                    break;
                }
            }

            var reader = readers[i % readers.Count];
            reads.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                var answer = await reader.PageAsync("page GET /orders (during uploads)", StudentBrowser.School.Pages + "/orders", cancellationToken);
                pages.Add((answer.Ok ? Stopwatch.GetElapsedTime(sent) : null, answer.Error));
            }, cancellationToken));
        }

        await Task.WhenAll(reads);
    }
}
