using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.VisionLab;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// The camera page's live frames (<c>POST /collect/capture?handler=frame</c>, a small JPEG as the body): a verified
/// student who consented learns where the face stands against the guide; signed-out callers, other schools' students,
/// students without a record, a missing anti-forgery token, oversize and garbage bodies, a sender too fast and a vision
/// gate busy with uploads are refused, each with a problem whose code says why.
/// </summary>
public sealed class LiveFrameShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = "/s/beifang";
    private const string FrameUrl = Base + "/collect/capture?handler=frame";

    [Fact]
    public async Task SayWhereTheFaceStandsAgainstTheGuide()
    {
        var browser = await app.ReadyToShootAsync();
        var token = await TokenAsync(browser, Base + "/collect/capture");

        foreach (var (frame, expected) in new[]
        {
            (Faces.PreviewFrame(), "good"),
            (Faces.PreviewFrame(faceWidth: 0.22), "too_small"),
            (Faces.PreviewFrame(eyes: (0.30, 0.40)), "outside"),
            (FramingTable.Frame(new Raster(720, 960, (245, 245, 245))), "no_face"),
        })
        {
            var answer = await PostAsync(browser, frame, token);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(expected, json.GetProperty("framing").GetString());
            Assert.True(json.GetProperty("ms").GetDouble() > 0);
            if (expected == "no_face")
            {
                Assert.Equal(JsonValueKind.Null, json.GetProperty("face").ValueKind);
            }
            else
            {
                var face = json.GetProperty("face");
                Assert.InRange(face.GetProperty("x").GetDouble(), 0, 1);
                Assert.InRange(face.GetProperty("width").GetDouble(), 0.1, 1);
                Assert.Equal(1, json.GetProperty("faces").GetInt32());
            }

            await Task.Delay(300);  // as the page sends: well under the per-student rate
        }
    }

    [Fact]
    public async Task RefuseCallersWhoAreNotSignedIn()
    {
        var answer = await PostAsync(app.Browser(), Faces.PreviewFrame(), token: null);

        await AssertProblemAsync(answer, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task RefuseStudentsOfAnotherSchool()
    {
        var other = await app.StudentAsync(AppFactory.B, AppFactory.NewPhone());

        var answer = await PostAsync(other, Faces.PreviewFrame(), await TokenAsync(other, "/s/nanhu/collect"));

        await AssertProblemAsync(answer, HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task RefuseAStudentWithoutAVerifiedRecordOrWithoutTheToken()
    {
        var browser = await app.StudentAsync(AppFactory.A, AppFactory.NewPhone());
        var token = await TokenAsync(browser, Base + "/collect");

        await AssertProblemAsync(await PostAsync(browser, Faces.PreviewFrame(), token), HttpStatusCode.Conflict, "no_record");
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(browser, Faces.PreviewFrame(), token: null)).StatusCode);
    }

    [Fact]
    public async Task RefuseOversizeAndGarbageBodies()
    {
        var browser = await app.ReadyToShootAsync();
        var token = await TokenAsync(browser, Base + "/collect/capture");
        var tooMany = new byte[200 * 1024];
        Random.Shared.NextBytes(tooMany);
        using var wide = new Raster(1600, 1200, (200, 200, 200)).ToImage();

        await AssertProblemAsync(await PostAsync(browser, tooMany, token), HttpStatusCode.RequestEntityTooLarge, "too_large");
        await AssertProblemAsync(await PostAsync(browser, wide.ToJpeg(60), token), HttpStatusCode.RequestEntityTooLarge, "too_large");
        await AssertProblemAsync(await PostAsync(browser, "not a picture"u8.ToArray(), token), HttpStatusCode.UnprocessableEntity, "not_an_image");
        await Task.Delay(1000);
        await AssertProblemAsync(await PostAsync(browser, Faces.PreviewFrame()[..2000], token), HttpStatusCode.UnprocessableEntity, "not_an_image");
        await AssertProblemAsync(await PostAsync(browser, [], token), HttpStatusCode.UnprocessableEntity, "not_an_image");
    }

    [Fact]
    public async Task StayOutOfTheWayOfUploadsWhenTheGateIsBusy()
    {
        var browser = await app.ReadyToShootAsync();
        var token = await TokenAsync(browser, Base + "/collect/capture");

        HttpResponseMessage refused;
        await using (await VisionBurst.FillAsync(app.Services.GetRequiredService<VisionGate>()))
        {
            refused = await PostAsync(browser, Faces.PreviewFrame(), token);
        }

        await AssertProblemAsync(refused, HttpStatusCode.ServiceUnavailable, "busy");
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    [Fact]
    public async Task RefuseAStudentWhoSendsFramesTooFast()
    {
        var browser = await app.ReadyToShootAsync();
        var token = await TokenAsync(browser, Base + "/collect/capture");
        var frame = FramingTable.Frame(new Raster(720, 960, (245, 245, 245)));

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => PostAsync(browser, frame, token)));

        var refused = answers.Where(a => a.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
        await AssertProblemAsync(refused[0], HttpStatusCode.TooManyRequests, "too_many");
        Assert.Equal(TimeSpan.FromSeconds(1), refused[0].Headers.RetryAfter?.Delta);
    }

    private static async Task<string> TokenAsync(HttpClient browser, string page)
    {
        var (_, document) = await Html.GetAsync(browser, page);
        return document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"no anti-forgery token on {page}");
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, byte[] frame, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, FrameUrl) { Content = new ByteArrayContent(frame) };
        request.Content.Headers.ContentType = new("image/jpeg");
        request.Headers.Accept.ParseAdd("application/json");
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        return await browser.SendAsync(request);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage answer, HttpStatusCode status, string code)
    {
        var body = await answer.Content.ReadAsStringAsync();
        Assert.True(status == answer.StatusCode, $"{(int)answer.StatusCode} {body}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }
}
