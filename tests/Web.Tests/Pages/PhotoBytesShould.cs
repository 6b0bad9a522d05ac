using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Data;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// Photo bytes (uploads up to 15 MB, standard photos, admission photos) are read by the file endpoints only: every
/// query a page sends is recorded and searched for the model's <c>bytea</c> columns.
/// </summary>
public sealed class PhotoBytesShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task StayOutOfThePagesAndComeWithTheFiles()
    {
        var (student, orderUrl) = await app.OrderAsync(pay: true);
        var orderId = Guid.Parse(orderUrl[(orderUrl.LastIndexOf('/') + 1)..]);
        var (photoId, recordId, byteColumns) = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var order = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId);
            return (order.PhotoId!.Value, order.RecordId, SqlLog.ByteColumns(db));
        });
        Assert.Equal(5, byteColumns.Count);  // PhotoFiles.Source, .Standard, AdmissionPhotos.Image, .Face, SchoolLogos.Bytes
        var reviewer = await app.StaffAsync(AppFactory.A, DemoSeeder.StaffEmail(AppFactory.A, "reviewer"));

        foreach (var (client, url) in new[]
        {
            (student, $"/s/beifang/collect/result/{photoId}"), (student, orderUrl), (student, "/s/beifang/orders"), (student, "/s/beifang/reprints"),
            (reviewer, "/s/beifang/staff/review"), (reviewer, $"/s/beifang/staff/review/{orderId}"), (reviewer, "/s/beifang/staff/production"),
        })
        {
            var sql = await ReadAsync(client, url);
            Assert.NotEmpty(sql);
            var reading = sql.FirstOrDefault(command => byteColumns.Any(column => command.Contains(column, StringComparison.Ordinal)));
            Assert.True(reading is null, $"{url} read photo bytes: {reading}");
        }

        // The files still come, and their queries are the ones that read bytes (which the search above would see).
        foreach (var (client, url) in new[]
        {
            (student, $"/s/beifang/collect/photo/{photoId}/standard"), (student, $"/s/beifang/collect/photo/{photoId}/source"),
            (reviewer, $"/s/beifang/staff/files/photo/{photoId}/standard"), (reviewer, $"/s/beifang/staff/files/photo/{photoId}/source"),
            (reviewer, $"/s/beifang/staff/files/admission/{recordId}/photo"),
        })
        {
            var sql = await ReadAsync(client, url, file: true);
            Assert.Contains(sql, command => byteColumns.Any(column => command.Contains(column, StringComparison.Ordinal)));
        }

        Assert.Equal(Faces.GoodPhoto(), await student.GetByteArrayAsync($"/s/beifang/collect/photo/{photoId}/source"));
        var stranger = await app.StudentAsync(AppFactory.A, AppFactory.NewPhone());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/s/beifang/collect/photo/{photoId}/standard")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/s/beifang/collect/photo/{photoId}/preview")).StatusCode);
        // The phone-sized preview of the upload: a JPEG a fraction of its size.
        var preview = await student.GetByteArrayAsync($"/s/beifang/collect/photo/{photoId}/preview");
        Assert.Equal([0xFF, 0xD8], preview[..2]);
        Assert.True(preview.Length * 2 < Faces.GoodPhoto().Length, $"preview {preview.Length} bytes of an upload of {Faces.GoodPhoto().Length}");
    }

    // The SQL one request sent.
    private async Task<IReadOnlyList<string>> ReadAsync(HttpClient client, string url, bool file = false)
    {
        using (app.Sql.Record())
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            if (file)
            {
                Assert.StartsWith("image/", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
                Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 10_000, url);
            }
        }

        return app.Sql.Commands;
    }
}
