using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Api;

/// <summary>Every error of the JSON API is a problem+json with a stable code, never the site's HTML error page.</summary>
public sealed class ApiErrorsShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Api = "/s/beifang/api/v1";
    // One signed-in student per school for the whole class: each sign-in sends an SMS code, which the address limit counts.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AppFactory, Dictionary<string, Task<HttpClient>>> Students = new();
    private static readonly Guid Some = Guid.Parse("01a21000-0000-7000-8000-000000000001");

    public static TheoryData<string, string> StudentRoutes() => new()
    {
        { "GET", "/campaign" },
        { "GET", "/collection" },
        { "POST", "/collection/code" },
        { "POST", "/collection/verify" },
        { "POST", "/collection/standards" },
        { "POST", "/collection/photos" },
        { "POST", $"/collection/photos/{Some}/submit" },
        { "GET", $"/collection/photos/{Some}/standard" },
        { "GET", "/freshman" },
        { "POST", "/freshman/verify" },
        { "GET", "/reprints" },
        { "POST", "/reprints" },
        { "GET", "/orders" },
        { "GET", $"/orders/{Some}" },
        { "POST", $"/orders/{Some}/pay" },
    };

    public static TheoryData<string> JsonRoutes() => ["/auth/code", "/auth/token", "/collection/verify", "/freshman/verify", "/reprints"];

    [Theory]
    [MemberData(nameof(StudentRoutes))]
    public async Task AnswerNoTokenWithAProblem(string method, string route)
    {
        using var client = app.CreateClient();

        await AssertProblemAsync(await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), Api + route)), HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [MemberData(nameof(StudentRoutes))]
    public async Task AnswerAnotherSchoolsTokenWithAProblem(string method, string route)
    {
        var otherSchool = await StudentAsync(AppFactory.B);

        await AssertProblemAsync(await otherSchool.SendAsync(new HttpRequestMessage(new HttpMethod(method), Api + route)), HttpStatusCode.Forbidden, "forbidden");
    }

    [Theory]
    [MemberData(nameof(JsonRoutes))]
    public async Task AnswerMalformedJsonWithAProblem(string route)
    {
        var client = await StudentAsync(AppFactory.A);

        var answer = await client.PostAsync(Api + route, new StringContent("{\"phone\": \"1390000", Encoding.UTF8, "application/json"));

        await AssertProblemAsync(answer, HttpStatusCode.BadRequest, "bad_request");
    }

    [Fact]
    public async Task AnswerInTheLanguageTheClientChose()
    {
        using var client = app.CreateClient();

        var chinese = await client.GetAsync(Api + "/orders");
        var english = await client.GetAsync(Api + "/orders?culture=en");

        Assert.Contains("请用短信验证码", await chinese.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("get a new one with an SMS code", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAnUnknownRouteWithAProblem()
    {
        var client = await StudentAsync(AppFactory.A);

        await AssertProblemAsync(await client.GetAsync(Api + "/no-such-thing"), HttpStatusCode.NotFound, "not_found");
    }

    private Task<HttpClient> StudentAsync(string slug)
    {
        var bySchool = Students.GetValue(app, _ => []);
        lock (bySchool)
        {
            if (!bySchool.TryGetValue(slug, out var student))
            {
                student = app.ApiStudentAsync(slug);
                bySchool[slug] = student;
            }

            return student;
        }
    }

    private static async Task AssertProblemAsync(HttpResponseMessage answer, HttpStatusCode status, string code)
    {
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == status, $"{(int)answer.StatusCode} instead of {(int)status}: {text}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(text);
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("detail").GetString()));
    }
}
