using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Grains.Students;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Api;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c> describes what a client must send: paths as they are called (under
/// <c>/s/{school}</c>) that answer, enumerations as the strings the API returns, the uploads' bodies, the bearer token
/// where it is needed and the problem answers.
/// </summary>
public sealed partial class OpenApiDocumentShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Prefix = "/s/{school}/api/v1/";
    private const string Station = "/s/{school}/staff/api/offline/sessions/{id}/ticket";
    private const string School = Prefix + "school/";
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task WriteEveryPathUnderTheSchool()
    {
        var document = await DocumentAsync();

        var paths = document.GetProperty("paths").EnumerateObject().ToList();
        Assert.All(paths.Where(p => p.Name != Station), p => Assert.StartsWith(Prefix, p.Name, StringComparison.Ordinal));
        Assert.Contains(paths, p => p.Name == Station);
        Assert.Contains(paths, p => p.Name == Prefix + "collection/photos/{id}/submit");
        Assert.Contains(paths, p => p.Name == Prefix + "auth/token");
        Assert.All(paths, p => Assert.Contains(p.Value.GetProperty("parameters").EnumerateArray(),
            parameter => Resolve(document, parameter).GetProperty("name").GetString() == "school"));
        var school = document.GetProperty("components").GetProperty("parameters").GetProperty("school");
        Assert.Equal(("path", true, "beifang"), (school.GetProperty("in").GetString(), school.GetProperty("required").GetBoolean(), school.GetProperty("example").GetString()));
        Assert.Contains("the prefix is left out", document.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsValidOpenApi()
    {
        using var client = app.CreateClient();

        var read = Microsoft.OpenApi.OpenApiDocument.Parse(await client.GetStringAsync("/openapi/v1.json"), "json");

        Assert.Empty(read.Diagnostic!.Errors.Select(e => e.ToString()));
        Assert.Empty(read.Diagnostic.Warnings.Select(e => e.ToString()));
        Assert.Equal(Microsoft.OpenApi.OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
    }

    [Fact]
    public async Task DescribeOnlyRoutesThatAnswer()
    {
        var document = await DocumentAsync();
        var client = await app.ApiStudentAsync(AppFactory.A);
        // A route that is not there answers this problem. A route that is there, given an id that is not, answers 404
        // with the same code but a detail that names what is missing (no such order, no such photo).
        var unknownRoute = await AnswerAsync(client, HttpMethod.Get, $"/s/{AppFactory.A}/api/v1/no-such-route");
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (unknownRoute.Status, unknownRoute.Code));

        var answers = new List<(Answer Answer, string Method, bool Ids)>();
        foreach (var (path, method, _) in Operations(document))
        {
            var url = Parameter().Replace(path, m => m.Groups[1].Value == "school" ? AppFactory.A : Guid.NewGuid().ToString());
            var ids = Parameter().Count(path) > 1;
            answers.Add((await AnswerAsync(client, new HttpMethod(method.ToUpperInvariant()), url), method, ids));
        }

        Assert.True(answers.Count >= 20, $"only {answers.Count} operations");
        var missing = answers.Select(a => a.Answer).Where(a => a.Status == HttpStatusCode.NotFound && a.Detail == unknownRoute.Detail).ToList();
        Assert.True(missing.Count == 0, "documented but answered like an unknown route:\n" + string.Join("\n", missing));
        // Reading what the new student has (campaign, steps, orders, reprints) succeeds outright; the on-site steps say
        // this school collects online only; the school's own endpoints want a school API key, not a student's token.
        Assert.All(answers.Where(a => a.Method == "get" && !a.Ids), a => Assert.True(
            a.Answer.Status == HttpStatusCode.OK || (a.Answer.Request.Contains("/offline", StringComparison.Ordinal) && a.Answer.Code == "not_offline")
                || (a.Answer.Request.Contains("/api/v1/school/", StringComparison.Ordinal) && (a.Answer.Status, a.Answer.Code) == (HttpStatusCode.Unauthorized, "unauthorized")),
            a.Answer.ToString()));
        Assert.Contains(answers, a => a.Answer.Request.EndsWith("/api/v1/school/batches", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TypeEnumerationsAsTheStringsTheApiReturns()
    {
        var document = await DocumentAsync();
        var schemas = document.GetProperty("components").GetProperty("schemas");

        var status = schemas.GetProperty("OrderStatus");
        Assert.Equal("string", status.GetProperty("type").GetString());
        Assert.Contains("PendingPayment", Values(status));
        Assert.Equal(Enum.GetNames<OrderStatus>(), Values(status));
        Assert.Equal(Enum.GetNames<StudentStep>(), Values(schemas.GetProperty("StudentStep")));
        Assert.Equal(Enum.GetNames<CampaignKind>(), Values(schemas.GetProperty("CampaignKind")));
        Assert.Equal(Enum.GetNames<WindowState>(), Values(schemas.GetProperty("WindowState")));
        Assert.Equal(Enum.GetNames<VerificationMode>(), Values(schemas.GetProperty("VerificationMode")));
        Assert.Equal("#/components/schemas/OrderStatus", schemas.GetProperty("OrderView").GetProperty("properties").GetProperty("status").GetProperty("$ref").GetString());
        var filter = Operation(document, "orders", "get").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "status");
        Assert.Equal("#/components/schemas/OrderStatus", filter.GetProperty("schema").GetProperty("$ref").GetString());

        // What the API sends is among the values the document lists.
        var client = await app.ApiStudentAsync(AppFactory.A);
        var campaign = await client.GetFromJsonAsync<JsonElement>($"/s/{AppFactory.A}/api/v1/campaign");
        Assert.Contains(campaign.GetProperty("kind").GetString(), Values(schemas.GetProperty("CampaignKind")));
        Assert.Contains(campaign.GetProperty("window").GetString(), Values(schemas.GetProperty("WindowState")));
        var state = await client.GetFromJsonAsync<JsonElement>($"/s/{AppFactory.A}/api/v1/collection");
        Assert.Contains(state.GetProperty("step").GetString(), Values(schemas.GetProperty("StudentStep")));
    }

    [Fact]
    public async Task DescribeTheBodies()
    {
        var document = await DocumentAsync();

        foreach (var flow in new[] { "collection", "freshman" })
        {
            var photo = Body(document, Operation(document, $"{flow}/photos", "post"), "multipart/form-data");
            AssertBinary(document, photo.GetProperty("properties").GetProperty("photo"));
            Assert.Contains("photo", photo.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        }

        var code = Operation(document, "collection/code", "post");
        var form = Body(document, code, "multipart/form-data");
        AssertBinary(document, form.GetProperty("properties").GetProperty("picture"));
        Assert.Contains("string", Types(form.GetProperty("properties").GetProperty("code")));
        var json = Body(document, code, "application/json");
        Assert.Equal(["code"], json.GetProperty("properties").EnumerateObject().Select(p => p.Name));

        var jpeg = Operation(document, "collection/photos/{id}/standard", "get").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("image/jpeg");
        AssertBinary(document, jpeg.GetProperty("schema"));

        var token = Body(document, Operation(document, "auth/token", "post"), "application/json");
        Assert.Equal(["phone", "code", "agree"], token.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        var verify = Body(document, Operation(document, "freshman/verify", "post"), "application/json");
        Assert.Contains("studentNumber", verify.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        // Which fields count depends on the campaign: none is required of every client.
        Assert.False(verify.TryGetProperty("required", out _));
        var reprint = Body(document, Operation(document, "reprints", "post"), "application/json");
        Assert.Equal(["sourceOrderId", "copies", "requestId"], reprint.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task RequireTheSignInWhereTheApiDoes()
    {
        var document = await DocumentAsync();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var bearer = schemes.GetProperty("bearer");
        Assert.Equal(("http", "bearer"), (bearer.GetProperty("type").GetString(), bearer.GetProperty("scheme").GetString()));
        var cookie = schemes.GetProperty("staffCookie");
        Assert.Equal(("apiKey", "cookie", "pc.auth"), (cookie.GetProperty("type").GetString(), cookie.GetProperty("in").GetString(), cookie.GetProperty("name").GetString()));
        var schoolKey = schemes.GetProperty("schoolApiKey");
        Assert.Equal(("apiKey", "header", "X-Api-Key"), (schoolKey.GetProperty("type").GetString(), schoolKey.GetProperty("in").GetString(), schoolKey.GetProperty("name").GetString()));
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });

        foreach (var (path, method, operation) in Operations(document))
        {
            var schemesUsed = operation.TryGetProperty("security", out var security)
                ? security.EnumerateArray().SelectMany(s => s.EnumerateObject().Select(p => p.Name)).ToList()
                : [];
            var expected = path == Station ? ["staffCookie"]
                : path.StartsWith(School, StringComparison.Ordinal) ? ["schoolApiKey"]
                : path.StartsWith(Prefix + "auth/", StringComparison.Ordinal) ? [] : new List<string> { "bearer" };
            Assert.True(expected.SequenceEqual(schemesUsed), $"{method} {path}: security {string.Join(",", schemesUsed)}");
            var secured = schemesUsed.Count > 0;
            var url = Parameter().Replace(path, m => m.Groups[1].Value == "school" ? AppFactory.A : Guid.NewGuid().ToString());
            var answer = await AnswerAsync(anonymous, new HttpMethod(method.ToUpperInvariant()), url);
            Assert.True(secured == (answer.Status == HttpStatusCode.Unauthorized), $"{method} {path}: secured {secured}, answered {answer}");
            if (secured)
            {
                Assert.Equal("unauthorized", answer.Code);
                Assert.True(operation.GetProperty("responses").TryGetProperty("401", out _), $"{method} {path} does not document 401");
            }
        }
    }

    [Fact]
    public async Task DescribeTheStationsTicketAsItAnswers()
    {
        var document = await DocumentAsync();
        var schema = Resolve(document, Operation(document, Station, "get", prefix: "").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        var session = await app.InSchoolAsync("nanhu", sp => sp.GetRequiredService<AppDbContext>().CollectionSessions.Select(s => s.Id).FirstAsync());
        var url = Station.Replace("{school}", "nanhu", StringComparison.Ordinal).Replace("{id}", session.ToString(), StringComparison.Ordinal);

        var photographer = await app.StaffAsync("nanhu", DemoSeeder.StaffEmail("nanhu", "photographer"));
        var ticket = await photographer.GetFromJsonAsync<JsonElement>(url);
        var otherSchool = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "photographer"));
        var refused = await AnswerAsync(otherSchool, HttpMethod.Get, url);

        Assert.Equal(schema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(), ticket.EnumerateObject().Select(p => p.Name).Order());
        Assert.Contains("/offline/q?t=", ticket.GetProperty("ticket").GetString(), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Forbidden, "forbidden"), (refused.Status, refused.Code));
    }

    [Fact]
    public async Task DocumentErrorsAsProblems()
    {
        var document = await DocumentAsync();

        foreach (var (path, method, operation) in Operations(document))
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                var content = response.Value.GetProperty("content").EnumerateObject().ToList();
                Assert.True(content.Count == 1 && content[0].Name == "application/problem+json", $"{method} {path} {response.Name}");
                Assert.Contains("code", Resolve(document, content[0].Value.GetProperty("schema")).GetProperty("required").EnumerateArray().Select(r => r.GetString()));
                Assert.Contains("Problem code:", response.Value.GetProperty("description").GetString(), StringComparison.Ordinal);
            }
        }

        var upload = Operation(document, "collection/photos", "post").GetProperty("responses");
        Assert.All(new[] { "200", "400", "401", "403", "404", "409", "413", "422", "503" }, status => Assert.True(upload.TryGetProperty(status, out _), status));
        Assert.Contains("too_large", upload.GetProperty("413").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("locked", Operation(document, "collection/verify", "post").GetProperty("responses").GetProperty("429").GetProperty("description").GetString(),
            StringComparison.Ordinal);
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = app.CreateClient();
        return await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from member in path.Value.EnumerateObject()
        where Methods.Contains(member.Name)
        select (path.Name, member.Name, member.Value);

    private static JsonElement Operation(JsonElement document, string route, string method, string prefix = Prefix) =>
        document.GetProperty("paths").GetProperty(prefix + route).GetProperty(method);

    private static JsonElement Body(JsonElement document, JsonElement operation, string contentType) =>
        Resolve(document, operation.GetProperty("requestBody").GetProperty("content").GetProperty(contentType).GetProperty("schema"));

    // A "$ref": "#/components/{kind}/{name}" replaced by what it names.
    private static JsonElement Resolve(JsonElement document, JsonElement element)
    {
        if (!element.TryGetProperty("$ref", out var reference))
        {
            return element;
        }

        var parts = reference.GetString()!.Split('/');
        Assert.Equal(["#", "components"], parts[..2]);
        return document.GetProperty("components").GetProperty(parts[2]).GetProperty(parts[3]);
    }

    private static List<string?> Values(JsonElement schema) => schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ToList();

    // "type" is a string or, for nullable values in OpenAPI 3.1, an array of them.
    private static List<string?> Types(JsonElement schema) => schema.GetProperty("type") is { ValueKind: JsonValueKind.Array } types
        ? types.EnumerateArray().Select(t => t.GetString()).ToList()
        : [schema.GetProperty("type").GetString()];

    // A file field: a binary string, maybe by reference, maybe one of null and that (an optional field).
    private static void AssertBinary(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            schema = Assert.Single(oneOf.EnumerateArray(), s => !s.TryGetProperty("type", out var t) || t.GetString() != "null");
        }

        schema = Resolve(document, schema);
        Assert.Equal(["string"], Types(schema));
        Assert.Equal("binary", schema.GetProperty("format").GetString());
    }

    private static async Task<Answer> AnswerAsync(HttpClient client, HttpMethod method, string url)
    {
        using var answer = await client.SendAsync(new HttpRequestMessage(method, url));
        string? code = null, detail = null;
        if (answer.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
            code = problem.TryGetProperty("code", out var c) ? c.GetString() : null;
            detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
        }

        return new Answer($"{method} {url}", answer.StatusCode, code, detail);
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Parameter();

    private sealed record Answer(string Request, HttpStatusCode Status, string? Code, string? Detail);
}
