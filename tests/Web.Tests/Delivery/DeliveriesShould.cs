using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Delivery;
using Photocollect.Delivery.Batches;
using Photocollect.Grains.Orders;
using Photocollect.Vision;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Delivery;

/// <summary>
/// A delivery batch of a campaign's finished photos: files named by the school's pattern with collisions and missing
/// numbers reported, never overwritten; a manifest with full ID numbers; every file re-checked; refunded and unfinished
/// students left out; a second batch takes only what the first did not; the download is logged.
/// </summary>
public sealed class DeliveriesShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task NameReportAndCheckEveryFileOfTheBatch()
    {
        // A finished photo at the other school, which no batch of this one may hold.
        var elsewhere = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var (collection, account, campaign) = await Journeys.NewStudentAsync(sp, CampaignKind.Graduation);
            var code = sp.GetRequiredService<Photocollect.Collection.Registry.SimulatedStudentRegistry>().IssueCode(Photocollect.Web.Seeding.DemoSeeder.Schools[0].Code, await Journeys.UnusedStudentNumberAsync(sp));
            Assert.NotNull((await collection.ReadCodeAsync(account.Id, campaign, null, code)).Record);
            Assert.Null((await collection.VerifyAsync(account.Id, account.PhoneNumber!, campaign, new VerifyInput(Photocollect.Web.Seeding.DemoSeeder.FeatureCode(AppFactory.A), null, null, null, null))).Problem);
            await collection.AcknowledgeStandardsAsync(account.Id, campaign, faceConsent: true);
            var order = (await collection.SubmitAsync(account.Id, campaign, (await collection.CheckPhotoAsync(account.Id, campaign, TestKit.Faces.GoodPhoto())).Photo!.Id)).Order!;
            await OnSite.PayAsync(sp, order);
            var desk = sp.GetRequiredService<ReviewDesk>();
            Assert.True((await desk.ApproveAsync(order.Id, "reviewer@beifang.demo")).Succeeded);
            await desk.StartProductionAsync([order.Id], "photographer@beifang.demo");
            Assert.Equal(1, await desk.CompleteAsync([order.Id], "photographer@beifang.demo"));
            return order.Id;
        });

        var (zipBytes, students, batch, second, logged) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var done = new List<StudentRecord>();
            for (var i = 0; i < 4; i++)
            {
                done.Add((await Delivered.OrderAsync(sp, OrderStatus.Completed)).Record);
            }

            var waiting = (await Delivered.OrderAsync(sp, OrderStatus.PendingReview)).Record;
            var (refundedOrder, refunded) = await Delivered.OrderAsync(sp, OrderStatus.Completed);
            await db.Orders.Where(o => o.Id == refundedOrder.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Status, OrderStatus.Refunded));

            // The school names files by exam number: two students share one (a roster typo), one has none.
            foreach (var (record, exam) in done.Zip(["E2027001", "E2027001", "E2027002", ""]))
            {
                await OnRosterAsync(db, record, exam);
            }

            var campaign = done[0].CampaignId;
            await db.Campaigns.Where(c => c.Id == campaign).ExecuteUpdateAsync(s => s.SetProperty(c => c.DeliveryNaming, DeliveryNaming.ExamNumber));
            // One finished file is out of spec (a small grey square).
            var small = SmallJpeg();
            var order3 = await db.Orders.AsNoTracking().SingleAsync(o => o.RecordId == done[3].Id);
            await db.PhotoFiles.Where(f => f.PhotoId == order3.PhotoId).ExecuteUpdateAsync(s => s.SetProperty(f => f.Standard, small));

            var deliveries = sp.GetRequiredService<Deliveries>();
            var made = await deliveries.CreateAsync(new Deliveries.Selection(campaign, null, null, false), Guid.NewGuid(), default);
            Assert.NotNull(made);
            using var zip = new MemoryStream();
            await deliveries.WriteZipAsync(made, new NonSeekable(zip), new ExportLog.Requester(Guid.NewGuid(), null, "203.0.113.9"), default);
            var again = await deliveries.CreateAsync(new Deliveries.Selection(campaign, null, null, false), Guid.NewGuid(), default);
            var log = await db.DataExports.AsNoTracking().Where(e => e.Kind == "delivery-zip").ToListAsync();
            return (zip.ToArray(), (Done: done, Waiting: waiting, Refunded: refunded), await deliveries.FindAsync(made.Id, default), again, log);
        });

        using var archive = new ZipArchive(new MemoryStream(zipBytes));
        var names = archive.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("photos/E2027001.jpg", names);
        Assert.Contains("photos/E2027001-2.jpg", names);
        Assert.Contains("photos/E2027002.jpg", names);
        Assert.Contains($"photos/{students.Done[3].StudentNumber}.jpg", names);
        Assert.Equal(["manifest.csv", "manifest.xlsx", "validation.csv"], names.Where(n => !n.StartsWith("photos/", StringComparison.Ordinal)).Order());
        Assert.Equal(batch!.PhotoCount, names.Count(n => n.StartsWith("photos/", StringComparison.Ordinal)));

        var manifest = Csv(archive, "manifest.csv");
        Assert.Equal(["学号", "姓名", "身份证号", "层次", "学院", "专业", "班级", "文件名", "审核通过时间", "交付时间"], manifest[0]);
        foreach (var record in students.Done)
        {
            var row = Assert.Single(manifest, r => r[0] == record.StudentNumber);
            Assert.Equal((record.Name, record.IdNumber, "2027届1班"), (row[1], row[2], row[6]));
            Assert.NotEqual("", row[8]);
        }

        Assert.DoesNotContain(manifest, r => r[0] == students.Waiting.StudentNumber || r[0] == students.Refunded.StudentNumber);

        var validation = Csv(archive, "validation.csv").Skip(1).ToDictionary(r => r[0]);
        Assert.Equal(manifest.Count - 1, validation.Count);
        var outOfSpec = validation[$"{students.Done[3].StudentNumber}.jpg"];
        Assert.Equal(("不合格", "100", "100"), (outOfSpec[2], outOfSpec[3], outOfSpec[4]));
        Assert.Contains("尺寸不是 480×640", outOfSpec[8], StringComparison.Ordinal);
        Assert.Contains("缺少命名所需的号码", outOfSpec[8], StringComparison.Ordinal);
        Assert.Contains("E2027001.jpg 重复，已改为 E2027001-2.jpg", validation["E2027001-2.jpg"][8], StringComparison.Ordinal);
        Assert.Equal("合格", validation["E2027002.jpg"][2]);
        Assert.Equal("", validation["E2027002.jpg"][8]);
        // Each photo in the ZIP is the file as produced, byte for byte (stored, not recompressed).
        Assert.True(DeliveredPhotoCheck.Check(Read(archive, "photos/E2027002.jpg")).Passed);

        Assert.NotNull(batch.DeliveredAt);
        var items = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().DeliveryItems.IgnoreQueryFilters().Where(i => i.BatchId == batch.Id).Select(i => i.OrderId).ToListAsync());
        Assert.Equal(batch.PhotoCount, items.Count);
        Assert.DoesNotContain(elsewhere, items);
        Assert.Null(second);
        var line = Assert.Single(logged);
        Assert.Equal(($"batch {batch.Number}", batch.PhotoCount, "203.0.113.9"), (line.Subject, line.Records, line.Address));
    }

    // The student on the school's roster (the demo roster may have them already), in class 2027届1班 with an exam number.
    private static async Task OnRosterAsync(AppDbContext db, StudentRecord record, string exam)
    {
        var entry = await db.Roster.SingleOrDefaultAsync(e => e.StudentNumber == record.StudentNumber);
        if (entry is null)
        {
            entry = new RosterEntry { StudentNumber = record.StudentNumber, Name = record.Name, IdLastFour = record.IdNumber[^4..], Level = record.Level };
            db.Roster.Add(entry);
        }

        entry.ClassName = "2027届1班";
        entry.ExamNumber = exam;
        await db.SaveChangesAsync();
    }

    private static byte[] SmallJpeg()
    {
        var pixels = Enumerable.Repeat((byte)128, 100 * 100 * 3).ToArray();
        using var image = VisionImage.FromBgr(pixels, 100, 100);
        return image.ToJpeg(90);
    }

    private static byte[] Read(ZipArchive archive, string name)
    {
        using var stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    // The CSV as a school office's spreadsheet reads it: UTF-8 with a byte order mark, CRLF lines.
    private static List<string[]> Csv(ZipArchive archive, string name)
    {
        var bytes = Read(archive, name);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        return [.. text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(','))];
    }

    // An HTTP response body: it can only be written forward, and only asynchronously (Kestrel refuses synchronous I/O).
    private sealed class NonSeekable(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);
    }
}
