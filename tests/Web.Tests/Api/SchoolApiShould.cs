using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Photocollect.Data;
using Photocollect.Delivery.ApiKeys;
using Photocollect.Delivery.Batches;
using Photocollect.Grains.Orders;
using Photocollect.Vision;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Api;

/// <summary>
/// The school's read-only API (<c>/s/{school}/api/v1/school/…</c>) with a key made on the admin's page: batches,
/// manifests with full ID numbers, the ZIP and one student's photo, each call logged with the key; no key, a wrong,
/// revoked or other school's key answer 401; the key is shown once and kept only as its hash.
/// </summary>
public sealed class SchoolApiShould(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string Page = $"/s/{AppFactory.B}/staff/api-keys";
    private static readonly string Api = $"/s/{AppFactory.B}/api/v1/school";

    [Fact]
    public async Task PullBatchesManifestsZipsAndPhotosWithAKeyFromThePage()
    {
        var (key, keyId) = await NewKeyAsync("学籍系统");
        var (record, batch) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var (order, record) = await Delivered.OrderAsync(sp, OrderStatus.Completed);
            var batch = await sp.GetRequiredService<Deliveries>().CreateAsync(new Deliveries.Selection(order.CampaignId, null, null, false), Guid.NewGuid(), default);
            return (record, batch!);
        });
        using var client = KeyClient(key);

        var batches = await client.GetFromJsonAsync<JsonElement>($"{Api}/batches");
        var listed = Assert.Single(batches.EnumerateArray(), b => b.GetProperty("id").GetGuid() == batch.Id);
        Assert.Equal((batch.Number, batch.PhotoCount, "2027届毕业生图像采集", JsonValueKind.Null),
            (listed.GetProperty("number").GetInt32(), listed.GetProperty("photoCount").GetInt32(), listed.GetProperty("campaign").GetString(), listed.GetProperty("deliveredAt").ValueKind));

        var manifest = await client.GetFromJsonAsync<JsonElement>($"{Api}/batches/{batch.Id}");
        Assert.Equal(batch.Id, manifest.GetProperty("batch").GetProperty("id").GetGuid());
        var row = Assert.Single(manifest.GetProperty("rows").EnumerateArray(), r => r.GetProperty("studentNumber").GetString() == record.StudentNumber);
        Assert.Equal((record.Name, record.IdNumber, record.Level, record.College, record.Major),
            (S(row, "name"), S(row, "idNumber"), S(row, "level"), S(row, "college"), S(row, "major")));
        Assert.Equal(18, record.IdNumber.Length);
        Assert.NotEqual(JsonValueKind.Null, row.GetProperty("reviewedAt").ValueKind);
        var fileName = S(row, "fileName");

        using (var zip = await client.GetAsync($"{Api}/batches/{batch.Id}/zip"))
        {
            Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
            Assert.Equal("application/zip", zip.Content.Headers.ContentType?.MediaType);
            Assert.Equal(("attachment", Deliveries.ZipName(batch)), (zip.Content.Headers.ContentDisposition?.DispositionType, zip.Content.Headers.ContentDisposition?.FileName));
            using var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()));
            var names = archive.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("photos/" + fileName, names);
            Assert.Contains("manifest.csv", names);
            using var reader = new StreamReader(archive.GetEntry("manifest.csv")!.Open(), Encoding.UTF8);
            Assert.Contains(record.IdNumber, await reader.ReadToEndAsync(), StringComparison.Ordinal);
        }

        using var photo = await client.GetAsync($"{Api}/students/{record.StudentNumber}/photo");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        var check = DeliveredPhotoCheck.Check(await photo.Content.ReadAsByteArrayAsync());
        Assert.Equal((480, 640), (check.Width, check.Height));
        Assert.True(check.Passed, string.Join(", ", check.Problems));

        var noPhoto = await ProblemAsync(client, $"{Api}/students/{Guid.NewGuid():N}/photo");
        var noBatch = await ProblemAsync(client, $"{Api}/batches/{Guid.NewGuid()}");
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (noPhoto.Status, noPhoto.Code));
        Assert.Equal((HttpStatusCode.NotFound, "not_found"), (noBatch.Status, noBatch.Code));

        // Each call left a line in the export log with the key, none with an account; the ZIP's is WriteZipAsync's.
        var (log, row2, delivered) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.DataExports.AsNoTracking().Where(e => e.ApiKeyId == keyId).OrderBy(e => e.Id).ToListAsync(),
                await db.SchoolApiKeys.AsNoTracking().SingleAsync(k => k.Id == keyId),
                await db.DeliveryBatches.AsNoTracking().Where(b => b.Id == batch.Id).Select(b => b.DeliveredAt).SingleAsync());
        });
        Assert.Equal(["api:batches", "api:manifest", "delivery-zip", "api:photo", "api:photo", "api:manifest"], log.Select(e => e.Kind));
        Assert.All(log, e => Assert.Null(e.AccountId));
        Assert.Equal((record.StudentNumber, 1), (log[3].Subject, log[3].Records));
        Assert.Equal(($"batch {batch.Number}", batch.PhotoCount), (log[2].Subject, log[2].Records));
        Assert.Equal(0, log[4].Records);
        Assert.NotNull(row2.LastUsedAt);
        Assert.NotNull(delivered);
    }

    [Fact]
    public async Task RefuseCallsWithoutAWorkingKeyOfTheSchool()
    {
        var (key, keyId) = await NewKeyAsync("校园卡系统");
        using var anonymous = app.CreateClient();
        using var wrong = KeyClient(SchoolApiKeys.KeyPrefix + new string('A', 43));
        using var bearer = await app.ApiStudentAsync(AppFactory.B);
        using var withKey = KeyClient(key);
        Assert.Equal(HttpStatusCode.OK, (await withKey.GetAsync($"{Api}/batches")).StatusCode);

        // The key of nanhu is unknown at beifang.
        var atOtherSchool = await ProblemAsync(withKey, $"/s/{AppFactory.A}/api/v1/school/batches");
        var none = await ProblemAsync(anonymous, $"{Api}/batches");
        var unknown = await ProblemAsync(wrong, $"{Api}/batches");
        var student = await ProblemAsync(bearer, $"{Api}/batches");

        // Revoked through the page's form, the key stops at once.
        var admin = await AdminAsync();
        var (_, page) = await Html.GetAsync(admin, Page);
        var revoke = await Html.SubmitAsync(admin, page, $"[data-test=api-key][data-key='{keyId}'] [data-test=revoke-api-key]");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        var revoked = await ProblemAsync(withKey, $"{Api}/batches");
        var (_, after) = await Html.GetAsync(admin, Page);

        foreach (var answer in new[] { atOtherSchool, none, unknown, student, revoked })
        {
            Assert.Equal((HttpStatusCode.Unauthorized, "unauthorized"), (answer.Status, answer.Code));
        }

        Assert.Contains("X-Api-Key", revoked.Detail, StringComparison.Ordinal);
        Assert.Equal("revoked", after.QuerySelector($"[data-test=api-key][data-key='{keyId}']")?.GetAttribute("data-state"));
        Assert.Null(after.QuerySelector($"[data-key='{keyId}'] [data-test=revoke-api-key]"));
        // Revoking again changes nothing; a refused call was not logged as an export.
        var (first, again, logged) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var keys = sp.GetRequiredService<SchoolApiKeys>();
            var first = await sp.GetRequiredService<AppDbContext>().SchoolApiKeys.AsNoTracking().SingleAsync(k => k.Id == keyId);
            return (first, await keys.RevokeAsync(keyId, default), await sp.GetRequiredService<AppDbContext>().DataExports.CountAsync(e => e.ApiKeyId == keyId));
        });
        Assert.NotNull(first.RevokedAt);
        Assert.Equal(first.RevokedAt, again!.RevokedAt);
        Assert.Equal(1, logged);
    }

    [Fact]
    public async Task ShowTheKeyOnceAndKeepOnlyItsHash()
    {
        var admin = await AdminAsync();
        var (_, page) = await Html.GetAsync(admin, Page);
        var created = await Html.SubmitAsync(admin, page, "[data-test=create-api-key]", new Dictionary<string, string?> { ["Name"] = "  一卡通  " });
        var shown = await Html.ParseAsync(created);
        var key = shown.Text("[data-test=new-key]")!;
        var id = Guid.Parse(shown.QuerySelector("[data-test=created-key]")!.GetAttribute("data-key")!);

        Assert.Matches("^pcs_[A-Za-z0-9_-]{43}$", key);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.NotNull(shown.QuerySelector("[data-test=shown-once]"));
        Assert.Single(shown.QuerySelectorAll("[data-test=new-key]"));
        // Shown again, the page has the key's first characters only.
        var (_, again) = await Html.GetAsync(admin, Page);
        Assert.DoesNotContain(key, again.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(key[..20], again.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var listed = again.QuerySelector($"[data-test=api-key][data-key='{id}']")!;
        Assert.Equal(key[..12] + "…", listed.QuerySelector("[data-test=api-key-prefix]")!.TextContent);
        Assert.Equal("active", listed.GetAttribute("data-state"));
        Assert.Contains("一卡通", listed.TextContent, StringComparison.Ordinal);
        Assert.Null(again.QuerySelector("[data-test=new-key]"));

        var row = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().SchoolApiKeys.AsNoTracking().SingleAsync(k => k.Id == id));
        Assert.Equal(("一卡通", key[..12]), (row.Name, row.Prefix));
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)), row.Hash);
        Assert.Equal(0, await RowsHoldingAsync(key));
    }

    [Fact]
    public async Task RefuseBadNamesAndKeepWhatWasTyped()
    {
        var admin = await AdminAsync();
        var (_, page) = await Html.GetAsync(admin, Page);
        var before = await KeyCountAsync();
        var tooLong = new string('学', 51);

        foreach (var name in new[] { "", "   ", tooLong })
        {
            var answer = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=create-api-key]", new Dictionary<string, string?> { ["Name"] = name }));
            Assert.Equal("ApiKeys.Error.Name", answer.QuerySelector("[data-test=api-key-error]")?.GetAttribute("data-error"));
            Assert.Contains("50", answer.Text("[data-test=api-key-error]"), StringComparison.Ordinal);
            Assert.Null(answer.QuerySelector("[data-test=new-key]"));
            // What was typed stays in the field (blanks bind as nothing).
            Assert.Equal(name.Trim().Length == 0 ? "" : name, ((IHtmlInputElement)answer.QuerySelector("#key-name")!).Value);
        }

        var fifty = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=create-api-key]", new Dictionary<string, string?> { ["Name"] = tooLong[..50] }));
        Assert.NotNull(fifty.QuerySelector("[data-test=new-key]"));
        Assert.Equal(before + 1, await KeyCountAsync());
    }

    [Fact]
    public async Task BeForSchoolAdminsOnly()
    {
        var reviewer = await app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "reviewer"));
        var admin = await AdminAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(Page)).StatusCode);
        var (_, home) = await Html.GetAsync(admin, $"/s/{AppFactory.B}/staff");
        Assert.Equal($"/s/{AppFactory.B}/staff/api-keys", home.QuerySelector("[data-test=to-api-keys]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task NoteAKeysUseAtMostOnceAMinute()
    {
        var (key, keyId) = await NewKeyAsync("每分钟");
        var uses = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var keys = sp.GetRequiredService<SchoolApiKeys>();
            var db = sp.GetRequiredService<AppDbContext>();
            async Task<DateTimeOffset?> UseAsync()
            {
                Assert.Equal(keyId, await keys.AuthenticateAsync(key, default));
                return await db.SchoolApiKeys.AsNoTracking().Where(k => k.Id == keyId).Select(k => k.LastUsedAt).SingleAsync();
            }

            var first = await UseAsync();
            app.Clock.Advance(TimeSpan.FromSeconds(20));
            var soon = await UseAsync();
            app.Clock.Advance(TimeSpan.FromSeconds(45));
            var later = await UseAsync();
            // Near misses are refused before any lookup: another prefix, one character short or long.
            Assert.Null(await keys.AuthenticateAsync("pcx_" + key[4..], default));
            Assert.Null(await keys.AuthenticateAsync(key[..^1], default));
            Assert.Null(await keys.AuthenticateAsync(key + "A", default));
            return (first, soon, later);
        });

        Assert.NotNull(uses.first);
        Assert.Equal(uses.first, uses.soon);
        Assert.True(uses.later > uses.first);
    }

    // A key made through the admin page's form, read from the answer.
    private async Task<(string Key, Guid Id)> NewKeyAsync(string name)
    {
        var admin = await AdminAsync();
        var (_, page) = await Html.GetAsync(admin, Page);
        var shown = await Html.ParseAsync(await Html.SubmitAsync(admin, page, "[data-test=create-api-key]", new Dictionary<string, string?> { ["Name"] = name }));
        return (shown.Text("[data-test=new-key]")!, Guid.Parse(shown.QuerySelector("[data-test=created-key]")!.GetAttribute("data-key")!));
    }

    private Task<HttpClient> AdminAsync() => app.StaffAsync(AppFactory.B, DemoSeeder.StaffEmail(AppFactory.B, "admin"));

    private HttpClient KeyClient(string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private Task<int> KeyCountAsync() => app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().SchoolApiKeys.CountAsync());

    // Rows of any table whose text holds the key, as text or as the bytes of its UTF-8 (a bytea shows as hex).
    private async Task<long> RowsHoldingAsync(string key)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Contains("public.\"SchoolApiKeys\"", tables);
        var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(key));
        long found = 0;
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table} t WHERE strpos(t::text, @key) > 0 OR strpos(t::text, @hex) > 0", connection);
            count.Parameters.AddWithValue("key", key);
            count.Parameters.AddWithValue("hex", hex);
            found += (long)(await count.ExecuteScalarAsync())!;
        }

        return found;
    }

    private static string? S(JsonElement element, string name) => element.GetProperty(name).GetString();

    private static async Task<Problem> ProblemAsync(HttpClient client, string url)
    {
        using var answer = await client.GetAsync(url);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        return new Problem(answer.StatusCode, problem.GetProperty("code").GetString(), problem.GetProperty("detail").GetString() ?? "");
    }

    private sealed record Problem(HttpStatusCode Status, string? Code, string Detail);
}
