using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Photocollect.Web.Tests.TestKit;
using Xunit.Abstractions;

using static Photocollect.EndToEnd.Tests.Steps;

namespace Photocollect.EndToEnd.Tests;

/// <summary>
/// The live camera in Chromium on a 390×844 phone, with a fake camera playing a 720×960 picture of Grace Hopper on a
/// light wall (<see cref="FakeCamera"/>): the camera opens in place of its button, the guide reports her face inside
/// the oval at the right size, the shutter sits whole below the preview, the stream stops while the page is hidden,
/// and a tap on the shutter uploads the shot (busy while it goes) and lands on the check's result. Without a camera the
/// page says so and the file inputs still take the photo. Screenshots: live-camera-*.png.
/// </summary>
public sealed class LiveCameraInBrowserShould(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task GuideTheFaceAndSendTheTappedShotToTheCheck()
    {
        using var camera = FakeCamera.Of(Faces.CameraFrame());
        await using var browser = await fixture.LaunchAsync(camera.ChromiumArgs);
        await using var context = await BrowserFixture.PhoneAsync(browser, "camera");
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await ToCaptureAsync(page, fixture, student: 5);
        await fixture.ShotAsync(page, "live-camera-01-capture");

        // The camera opens where its button was; the guide finds her face inside the oval, the right size.
        await page.TapAsync("[data-test=start-camera]");
        var good = page.Locator("[data-test=guide][data-state=good]");
        await good.WaitForAsync();
        Assert.True(await page.Locator("[data-test=start-camera]").IsHiddenAsync());
        // The state, its hint and the face's box together, read at one moment in the page: the guide turns neutral
        // when no answer came for 2 s or a frame was refused (on a loaded machine, e.g. with the other test projects
        // running), until the next answer, so reading them one by one could straddle such a moment (it did in CI).
        await page.WaitForFunctionAsync("""
            () => {
                const box = document.querySelector('[data-face-box]');
                const drawn = box.getBoundingClientRect();
                return document.querySelector('[data-test=guide]').dataset.state === 'good'
                    && document.querySelector('[data-guide-hint]').textContent.trim() === '位置合适，可以拍照'
                    && !box.hasAttribute('hidden') && drawn.width > 0 && drawn.height > 0;
            }
            """);

        // The shutter: below the preview, not clipped, large, on screen, and what a tap at its centre reaches.
        var preview = (await page.Locator("[data-test=guide]").BoundingBoxAsync())!;
        var shutter = (await page.Locator("[data-test=shoot]").BoundingBoxAsync())!;
        Assert.True(shutter.Y >= preview.Y + preview.Height, $"shutter at y={shutter.Y}, preview ends at {preview.Y + preview.Height}");
        Assert.True(shutter.Height >= 56 && shutter.Width >= 300, $"shutter {shutter.Width}×{shutter.Height}");
        Assert.True(shutter.Y + shutter.Height <= 844, $"shutter ends at y={shutter.Y + shutter.Height}, below the 844 px screen");
        Assert.True(await page.EvaluateAsync<bool>(
            "() => { const b = document.querySelector('[data-test=shoot]'); const r = b.getBoundingClientRect(); return b.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }"));
        // What the student sees, then the whole page (from the top: the sticky bar stays where it belongs).
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.Artifacts, "live-camera-02-guide-good-screen.png") });
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await fixture.ShotAsync(page, "live-camera-02-guide-good");
        await page.EvaluateAsync("() => document.querySelector('[data-live-camera]').scrollIntoView({ block: 'start' })");

        // What one frame costs: the server's vision time and the page's round trip, over a few answers.
        var costs = new List<(double Server, double RoundTrip)>();
        for (var i = 0; i < 8; i++)
        {
            await page.WaitForTimeoutAsync(600);
            costs.Add((double.Parse(await good.GetAttributeAsync("data-frame-ms") ?? "0", CultureInfo.InvariantCulture),
                double.Parse(await good.GetAttributeAsync("data-frame-round-trip-ms") ?? "0", CultureInfo.InvariantCulture)));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"live frame: server {string.Join(", ", costs.Select(c => c.Server))} ms; round trip {string.Join(", ", costs.Select(c => c.RoundTrip))} ms"));
        Assert.All(costs, c => Assert.InRange(c.Server, 0.1, 500));

        // Another answer turns the guide amber and says what to do (the page's drawing, fed a canned answer).
        var frames = new Regex("handler=frame");
        await page.RouteAsync(frames, route => route.FulfillAsync(new()
        {
            Status = 200,
            ContentType = "application/json",
            Body = """{"framing":"too_small","face":{"x":0.42,"y":0.40,"width":0.18,"height":0.18},"faces":1,"ms":1}""",
        }));
        await page.Locator("[data-test=guide][data-state=too_small]").WaitForAsync();
        Assert.Equal("请靠近一点", (await page.InnerTextAsync("[data-guide-hint]")).Trim());
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.Artifacts, "live-camera-03-guide-closer-screen.png") });
        await page.UnrouteAsync(frames);
        await good.WaitForAsync();

        // Hidden (another app, the lock screen): the camera is released; back on the page, it runs again.
        await page.EvaluateAsync("() => { Object.defineProperty(document, 'hidden', { configurable: true, get: () => true }); document.dispatchEvent(new Event('visibilitychange')); }");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('[data-live-camera] video').srcObject === null"));
        await page.EvaluateAsync("() => { Object.defineProperty(document, 'hidden', { configurable: true, get: () => false }); document.dispatchEvent(new Event('visibilitychange')); }");
        await page.WaitForFunctionAsync("() => { const v = document.querySelector('[data-live-camera] video'); return v.srcObject && v.videoWidth > 0; }");
        await good.WaitForAsync();

        // A tap on the shutter: busy while the shot uploads (held back here to see it), then the check's result.
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/collect/capture", async route =>
        {
            if (route.Request.Method == "POST")
            {
                await release.Task;
            }

            await route.ContinueAsync();
        });
        await page.TapAsync("[data-test=shoot]");
        var sending = page.Locator("[data-test=shoot][aria-busy=true]");
        await sending.WaitForAsync();
        Assert.True(await sending.IsDisabledAsync());
        Assert.Equal("已拍照", (await page.InnerTextAsync("[data-shoot-label]")).Trim());
        await page.Locator(".progress").WaitForAsync();  // shown once the shot is encoded and the upload starts
        await page.ScreenshotAsync(new() { Path = Path.Combine(fixture.Artifacts, "live-camera-04-uploading-screen.png") });
        release.SetResult();
        await page.Locator("[data-test=check-passed]").WaitForAsync();
        Assert.Contains("/collect/result/", page.Url, StringComparison.Ordinal);
        await page.Locator("[data-test=standard-preview]").EvaluateAsync("img => img.complete || new Promise(r => img.onload = r)");
        await fixture.ShotAsync(page, "live-camera-05-checked");
    }

    [Fact]
    public async Task SayThereIsNoCameraAndKeepTheFilePicker()
    {
        // The suite's own Chromium has no camera and grants no permission.
        await using var context = await fixture.PhoneAsync();
        var page = await context.NewPageAsync();
        await ToCaptureAsync(page, fixture, student: 6);
        await page.TapAsync("[data-test=start-camera]");
        await page.Locator("[data-test=camera-problem]").WaitForAsync();
        Assert.True(await page.Locator("[data-live-camera]").IsHiddenAsync());
        Assert.True(await page.Locator("[data-test=pick-photo]").IsVisibleAsync());
        await fixture.ShotAsync(page, "live-camera-06-no-camera");

        await page.SetInputFilesAsync("#Photo", new FilePayload { Name = "good.jpg", MimeType = "image/jpeg", Buffer = Faces.GoodPhoto() });
        await page.Locator("[data-test=check-passed]").WaitForAsync();
    }
}
