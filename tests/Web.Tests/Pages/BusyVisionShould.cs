using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// A burst of uploads fills the vision queue (every worker busy, every place taken, as the app is configured): the
/// next upload is refused at once with 503 and Retry-After, on the page and in the API, with nothing stored or counted,
/// and the same upload goes through once the burst has passed.
/// </summary>
public sealed class BusyVisionShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = "/s/beifang";

    [Fact]
    public async Task AskThePageToSendThePhotoAgainInAMoment()
    {
        var browser = await app.ReadyToShootAsync();
        var (_, capture) = await Html.GetAsync(browser, Base + "/collect/capture");
        var photos = await PhotoCountAsync();

        HttpResponseMessage refused;
        await using (await VisionBurst.FillAsync(Gate))
        {
            refused = await Html.UploadAsync(browser, capture, "form[data-upload]", "Photo", "photo.jpg", Faces.GoodPhoto());
        }

        var page = await Html.ParseAsync(refused);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("稍等几秒后重新上传", page.Text(".alert.error"), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form[data-upload][data-busy]"));  // the upload script sends it again by itself
        Assert.Equal(photos, await PhotoCountAsync());
        var (_, again) = await Html.GetAsync(browser, Base + "/collect/capture");
        Assert.DoesNotContain("已检查", again.Text("main"), StringComparison.Ordinal);  // no attempt counted

        var accepted = await Html.UploadAsync(browser, again, "form[data-upload]", "Photo", "photo.jpg", Faces.GoodPhoto());
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var (_, result) = await Html.GetAsync(browser, accepted.Headers.Location!.OriginalString);
        Assert.NotNull(result.QuerySelector("[data-test=check-passed]"));
    }

    [Fact]
    public async Task AskThePageToSendTheCodeAgainInAMoment()
    {
        var browser = await app.StudentAsync(AppFactory.A, AppFactory.NewPhone());
        var (_, collect) = await Html.GetAsync(browser, Base + "/collect");
        var code = Codes.Screenshot(await app.NewStudentCodeAsync());

        HttpResponseMessage refused;
        await using (await VisionBurst.FillAsync(CodeGate))
        {
            refused = await Html.UploadAsync(browser, collect, "form[data-upload]", "Picture", "code.png", code, "image/png");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("不需要重新获取采集码", (await Html.ParseAsync(refused)).Text(".alert.error"), StringComparison.Ordinal);
        var read = await Html.UploadAsync(browser, collect, "form[data-upload]", "Picture", "code.png", code, "image/png");
        Assert.Equal((HttpStatusCode.Redirect, Base + "/collect/verify"), (read.StatusCode, read.Headers.Location?.OriginalString));
    }

    [Fact]
    public async Task AnswerTheApiWith503AndRetryAfter()
    {
        const string Api = Base + "/api/v1";
        var client = await app.ApiStudentAsync(AppFactory.A);
        var code = await app.NewStudentCodeAsync();
        Assert.True((await client.PostAsJsonAsync(Api + "/collection/code", new { code })).IsSuccessStatusCode);  // as text: no vision work
        Assert.True((await client.PostAsJsonAsync(Api + "/collection/verify", new { featureCode = "sv8s65" })).IsSuccessStatusCode);
        Assert.True((await client.PostAsJsonAsync(Api + "/collection/standards", new { faceConsent = true })).IsSuccessStatusCode);
        var photos = await PhotoCountAsync();

        HttpResponseMessage photo, picture;
        await using (await VisionBurst.FillAsync(Gate))
        await using (await VisionBurst.FillAsync(CodeGate))
        {
            photo = await client.PostAsync(Api + "/collection/photos", Form("photo", Faces.GoodPhoto()));
            picture = await client.PostAsync(Api + "/collection/code", Form("picture", Codes.Screenshot(code)));
        }

        foreach (var (refused, detail) in new[] { (photo, "重新上传同一张照片"), (picture, "不需要重新获取采集码") })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(("busy", 2), (problem.GetProperty("code").GetString(), problem.GetProperty("retryAfterSeconds").GetInt32()));
            Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(photos, await PhotoCountAsync());
        var state = await client.GetFromJsonAsync<JsonElement>(Api + "/collection");
        Assert.Equal(("ReadyToShoot", 0), (state.GetProperty("step").GetString(), state.GetProperty("checkAttempts").GetInt32()));
        var accepted = await client.PostAsync(Api + "/collection/photos", Form("photo", Faces.GoodPhoto()));
        Assert.True((await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("passed").GetBoolean());
    }

    private VisionGate Gate => app.Services.GetRequiredService<VisionGate>();

    // Collection codes are read on a lane of their own.
    private VisionGate CodeGate => app.Services.GetRequiredKeyedService<VisionGate>(VisionGate.CodeLane);

    private static MultipartFormDataContent Form(string field, byte[] file) => new() { { new ByteArrayContent(file), field, field + ".jpg" } };

    private Task<int> PhotoCountAsync() => app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().Photos.CountAsync());
}
