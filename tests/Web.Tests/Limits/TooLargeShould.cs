using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Limits;

/// <summary>
/// A body that is too large is 413 everywhere, on a real Kestrel server, whether it declares its length or comes
/// chunked: the payment notification (64 KB), the JSON API (1 MB), the API's uploads (15 MB) as problem+json, and the
/// upload pages with their message on the same page so the student can choose another file.
/// </summary>
public sealed class TooLargeShould(KestrelAppFactory app) : IClassFixture<KestrelAppFactory>
{
    private const string Base = "/s/beifang";
    private const string Api = Base + "/api/v1";
    private const int FortyMegabytes = 40 * 1024 * 1024;

    [Fact]
    public async Task RefuseAnOversizedPaymentNotificationWith413()
    {
        using var client = app.CreateClient();

        using var answer = await client.PostAsync(Base + "/pay/notify/sandbox", new StringContent(new string('x', 70 * 1024), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RefuseAnOversizedApiUploadWithAProblem(bool chunked)
    {
        using var client = await app.ApiStudentAsync(AppFactory.A);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[FortyMegabytes]), "photo", "p.jpg" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, Api + "/collection/photos") { Content = form };
        request.Headers.TransferEncodingChunked = chunked;

        using var answer = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        Assert.Equal("too_large", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task RefuseAnOversizedJsonBodyWithAProblem()
    {
        using var client = await app.ApiStudentAsync(AppFactory.A);
        using var body = new StringContent($$"""{"featureCode":"{{new string('a', 2 * 1024 * 1024)}}"}""", Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Api + "/collection/verify") { Content = body };
        request.Headers.TransferEncodingChunked = true;

        using var answer = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Equal("too_large", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory]
    [MemberData(nameof(Web.Tests.Api.ApiErrorsShould.StudentRoutes), MemberType = typeof(Web.Tests.Api.ApiErrorsShould))]
    public async Task AnswerAnOversizedBodyOnEveryApiRouteWithAProblem(string method, string route)
    {
        if (method != "POST")
        {
            return;  // GET carries no body
        }

        using var client = await app.ApiStudentAsync(AppFactory.A);
        using HttpContent body = route is "/collection/code" or "/collection/photos"
            ? new MultipartFormDataContent { { new ByteArrayContent(new byte[16 * 1024 * 1024]), route.EndsWith("code", StringComparison.Ordinal) ? "picture" : "photo", "x.jpg" } }
            : new StringContent("{\"note\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");

        using var answer = await client.PostAsync(Api + route, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Equal("too_large", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory]
    [MemberData(nameof(Web.Tests.Api.ApiErrorsShould.JsonRoutes), MemberType = typeof(Web.Tests.Api.ApiErrorsShould))]
    public async Task AnswerAnOversizedBodyBeforeAskingForATokenWithAProblem(string route)
    {
        using var client = app.CreateClient();
        using var body = new StringContent("{\"phone\":\"" + new string('1', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");

        using var answer = await client.PostAsync(Api + route, body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
        Assert.Equal("too_large", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnswerAnOversizedPhotoOnTheCapturePageWithTheLimit(bool chunked)
    {
        var browser = await app.ReadyToShootAsync();
        var (_, capture) = await Html.GetAsync(browser, Base + "/collect/capture");
        var huge = new byte[FortyMegabytes];
        Faces.GoodPhoto().CopyTo(huge, 0);

        var response = await Html.UploadAsync(browser, capture, "form[data-upload]", "Photo", "huge.jpg", huge, chunked: chunked);
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("15", page.Text(".alert.error") ?? "", StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form[data-upload]"));
    }

    [Fact]
    public async Task StillRefuseAnUploadWithoutTheAntiForgeryToken()
    {
        var browser = await app.ReadyToShootAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Faces.GoodPhoto()), "Photo", "p.jpg" } };

        using var answer = await browser.PostAsync(Base + "/collect/capture", form);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
    }

    [Fact]
    public async Task RefuseAnOversizedFormOnAnyOtherPageWith413()
    {
        using var browser = app.Browser();
        using var form = new FormUrlEncodedContent([new("Phone", new string('1', 2 * 1024 * 1024))]);

        using var answer = await browser.PostAsync(Base + "/login", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.StatusCode);
    }
}
