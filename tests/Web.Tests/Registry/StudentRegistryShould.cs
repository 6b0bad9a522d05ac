using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Photocollect.Collection.Registry;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Registry;

public sealed class StudentRegistryShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string ApiKey = "registry-test-key";

    [Fact]
    public async Task ResolveASimulatedCodeToTheRosterStudent()
    {
        var lookup = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var simulator = sp.GetRequiredService<SimulatedStudentRegistry>();
            return await simulator.ResolveAsync(simulator.IssueCode("100001", DemoSeeder.DemoStudentNumber(1)));
        });

        var record = Assert.IsType<RegistryRecord>(lookup.Record);
        Assert.Equal((DemoSeeder.DemoStudents[1].Name, "100001", "北方示范大学"), (record.Name, record.SchoolCode, record.SchoolName));
        Assert.True(SimulatedIdentity.IsValidIdNumber(record.IdNumber));
        Assert.Equal(DemoSeeder.DemoIdLastFour("100001", DemoSeeder.DemoStudentNumber(1)), record.IdNumber[^4..]);
    }

    [Fact]
    public async Task AnswerNotFoundForAStudentOffTheRosterOrAnUnknownSchool()
    {
        var (student, school) = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var simulator = sp.GetRequiredService<SimulatedStudentRegistry>();
            return ((await simulator.ResolveAsync(simulator.IssueCode("100001", "1999999999"))).Error,
                (await simulator.ResolveAsync(simulator.IssueCode("999999", DemoSeeder.DemoStudentNumber(0)))).Error);
        });

        Assert.Equal(RegistryError.NotFound, student);
        Assert.Equal(RegistryError.NotFound, school);
    }

    [Fact]
    public async Task ServeARealFaceAsTheAdmissionPhoto()
    {
        var photo = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var simulator = sp.GetRequiredService<SimulatedStudentRegistry>();
            var record = (await simulator.ResolveAsync(simulator.IssueCode("100001", DemoSeeder.DemoStudentNumber(2)))).Record!;
            return await simulator.AdmissionPhotoAsync(record);
        });

        Assert.NotNull(photo);
        Assert.Null(Vision.ImageLoader.Load(photo).Error);
    }

    [Fact]
    public async Task ReadRecordsAndErrorsOverTheHttpContract()
    {
        await using var server = await new LocalHttpServer(ServeContractAsync).StartAsync();
        using var http = new HttpClient();
        var registry = new HttpStudentRegistry(http, server.BaseAddress, ApiKey, NullLogger<HttpStudentRegistry>.Instance);
        var (good, expired) = await app.InSchoolAsync(AppFactory.A, sp =>
        {
            var simulator = sp.GetRequiredService<SimulatedStudentRegistry>();
            return Task.FromResult((simulator.IssueCode("100001", DemoSeeder.DemoStudentNumber(3)), simulator.IssueCode("100001", DemoSeeder.DemoStudentNumber(3), TimeSpan.FromSeconds(-5))));
        });

        var found = await registry.ResolveAsync(good);
        var photo = await registry.AdmissionPhotoAsync(found.Record!);

        Assert.Equal(DemoSeeder.DemoStudents[3].Name, found.Record!.Name);
        Assert.NotNull(photo);
        Assert.Equal(RegistryError.Expired, (await registry.ResolveAsync(expired)).Error);
        Assert.Equal(RegistryError.Forged, (await registry.ResolveAsync(Tamper.Change(good))).Error);
        Assert.Equal(RegistryError.Malformed, (await registry.ResolveAsync("hello")).Error);
    }

    [Fact]
    public async Task CallAFailingOrWronglyKeyedRegistryUnavailable()
    {
        await using var failing = await new LocalHttpServer(context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        }).StartAsync();
        await using var strict = await new LocalHttpServer(ServeContractAsync).StartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var log = NullLogger<HttpStudentRegistry>.Instance;

        Assert.Equal(RegistryError.Unavailable, (await new HttpStudentRegistry(http, failing.BaseAddress, ApiKey, log).ResolveAsync("PCR1.a.b")).Error);
        Assert.Equal(RegistryError.Unavailable, (await new HttpStudentRegistry(http, strict.BaseAddress, "wrong", log).ResolveAsync("PCR1.a.b")).Error);
        Assert.Equal(RegistryError.Unavailable, (await new HttpStudentRegistry(http, new Uri("http://127.0.0.1:9/"), ApiKey, log).ResolveAsync("PCR1.a.b")).Error);
    }

    // The documented contract (docs/registry.md), answered by the simulator.
    private async Task ServeContractAsync(HttpContext context)
    {
        if (context.Request.Headers.Authorization != $"Bearer {ApiKey}")
        {
            context.Response.StatusCode = 401;
            return;
        }

        await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var simulator = sp.GetRequiredService<SimulatedStudentRegistry>();
            var path = context.Request.Path.Value!;
            if (context.Request.Method == "POST" && path == "/v1/collection-codes/resolve")
            {
                var body = await context.Request.ReadFromJsonAsync<JsonElement>();
                var lookup = await simulator.ResolveAsync(body.GetProperty("code").GetString()!);
                if (lookup.Record is { } record)
                {
                    await context.Response.WriteAsJsonAsync(record, new JsonSerializerOptions(JsonSerializerDefaults.Web));
                    return;
                }

                context.Response.StatusCode = lookup.Error == RegistryError.NotFound ? 404 : 400;
                await context.Response.WriteAsJsonAsync(new { error = lookup.Error.ToString()!.ToLowerInvariant() switch { "notfound" => "not_found", var e => e } });
                return;
            }

            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (context.Request.Method == "GET" && parts is ["v1", "students", var school, var number, "admission-photo"])
            {
                var record = (await simulator.ResolveAsync(simulator.IssueCode(school, number))).Record;
                var photo = record is null ? null : await simulator.AdmissionPhotoAsync(record);
                if (photo is not null)
                {
                    context.Response.ContentType = "image/jpeg";
                    await context.Response.Body.WriteAsync(photo);
                    return;
                }
            }

            context.Response.StatusCode = 404;
        });
    }
}
