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
using Photocollect.Tenancy;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Delivery;

/// <summary>
/// A delivery batch of a campaign's finished photos: files named by the school's pattern with collisions and missing
/// numbers reported, never overwritten; a manifest with full ID numbers, the same in Excel as in CSV; every file
/// re-checked; refunded and unfinished students left out; a second batch takes only what the first did not; a batch of
/// one level or one college holds only its photos; the download is logged.
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
            sp.GetRequiredService<CampaignDirectory>().Forget(sp.GetRequiredService<TenantContext>().RequiredSchool.Id);
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
            // This batch's downloads (the class's other test downloads batches of its own).
            var log = await db.DataExports.AsNoTracking().Where(e => e.Kind == "delivery-zip" && e.Subject == $"batch {made.Number}").ToListAsync();
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
        // The Excel manifest holds the CSV's rows cell for cell, the full ID numbers as text (an 18-digit number in a
        // numeric cell would come back rounded, as 1.1E+17) and each file name; its second sheet is the validation report.
        Assert.Equal(manifest, Xlsx(archive, "名单"));
        Assert.Equal(Csv(archive, "validation.csv"), Xlsx(archive, "校验"));
        Assert.All(manifest.Skip(1), r => Assert.Matches("^[0-9]{17}[0-9X]$", r[2]));

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

    [Fact]
    public async Task TakeOnlyTheChosenLevelOrCollegeIntoABatch()
    {
        var (byLevel, byCollege, expected, students) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var students = new List<StudentRecord>();
            foreach (var (ofLevel, ofCollege) in new[] { ("硕士研究生", "数学学院"), ("硕士研究生", "历史学院"), ("本科", "数学学院"), ("本科", "历史学院"), ("博士研究生", "数学学院") })
            {
                students.Add((await Delivered.OrderAsync(sp, OrderStatus.Completed, studentNumber: await Rostered.NewAsync(sp, ofLevel, ofCollege, "试验专业"))).Record);
            }

            // One of the chosen level whose photo is not finished stays out.
            students.Add((await Delivered.OrderAsync(sp, OrderStatus.PendingProduction, studentNumber: await Rostered.NewAsync(sp, "硕士研究生", "数学学院", "试验专业"))).Record);
            var campaign = students[0].CampaignId;
            var deliveries = sp.GetRequiredService<Deliveries>();
            var expected = (Level: await FinishedAsync(sp, campaign, "Level", "硕士研究生", includeDelivered: false), College: await FinishedAsync(sp, campaign, "College", "数学学院", includeDelivered: true));
            var level = await deliveries.CreateAsync(new Deliveries.Selection(campaign, "硕士研究生", null, false), Guid.NewGuid(), default);
            // The college's batch after it takes the master's student of 数学学院 again: it asks for photos delivered before too.
            var college = await deliveries.CreateAsync(new Deliveries.Selection(campaign, null, "数学学院", true), Guid.NewGuid(), default);
            return (await ZipAsync(deliveries, level!), await ZipAsync(deliveries, college!), expected, students);
        });

        foreach (var (zip, column, value, numbers, inside) in new[]
        {
            (byLevel, 3, "硕士研究生", expected.Level, new[] { 0, 1 }),
            (byCollege, 4, "数学学院", expected.College, new[] { 0, 2, 4 }),
        })
        {
            using var archive = new ZipArchive(new MemoryStream(zip));
            var manifest = Csv(archive, "manifest.csv").Skip(1).ToList();
            Assert.Equal(numbers, manifest.Select(r => r[0]).Order(StringComparer.Ordinal));
            Assert.All(manifest, r => Assert.Equal(value, r[column]));
            Assert.Equal(inside.Select(i => students[i].StudentNumber).Order(StringComparer.Ordinal), manifest.Select(r => r[0]).Intersect(students.Select(s => s.StudentNumber)).Order(StringComparer.Ordinal));
            Assert.Equal(manifest.Select(r => "photos/" + r[7]).Order(StringComparer.Ordinal),
                archive.Entries.Select(e => e.FullName).Where(n => n.StartsWith("photos/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
            Assert.Equal(Csv(archive, "manifest.csv"), Xlsx(archive, "名单"));
        }
    }

    // The student numbers a batch of finished photos of one level or college should hold, by SQL of the test's own.
    private static async Task<List<string>> FinishedAsync(IServiceProvider sp, Guid campaign, string column, string value, bool includeDelivered)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var school = (await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaign)).TenantId;
#pragma warning disable EF1002 // the column and the condition are this test's constants
        return await db.Database.SqlQueryRaw<string>($"""
            SELECT r."StudentNumber" AS "Value" FROM "Orders" o JOIN "StudentRecords" r ON r."Id" = o."RecordId"
            WHERE o."TenantId" = @school AND o."CampaignId" = @campaign AND o."Status" = 'Completed' AND o."Kind" <> 'Reprint'
                AND r."{column}" = @value
                {(includeDelivered ? "" : """AND NOT EXISTS (SELECT 1 FROM "DeliveryItems" i WHERE i."OrderId" = o."Id")""")}
            ORDER BY r."StudentNumber" COLLATE "C"
            """, new Npgsql.NpgsqlParameter("school", school), new Npgsql.NpgsqlParameter("campaign", campaign), new Npgsql.NpgsqlParameter("value", value)).ToListAsync();
#pragma warning restore EF1002
    }

    private static async Task<byte[]> ZipAsync(Deliveries deliveries, DeliveryBatch batch)
    {
        using var zip = new MemoryStream();
        await deliveries.WriteZipAsync(batch, new NonSeekable(zip), new ExportLog.Requester(Guid.NewGuid(), null, "203.0.113.9"), default);
        return zip.ToArray();
    }

    // One sheet of the ZIP's manifest.xlsx as rows of cell texts, read by the Excel library the product writes it with.
    private static List<string[]> Xlsx(ZipArchive archive, string sheet)
    {
        using var workbook = new MemoryStream(Read(archive, "manifest.xlsx"));
        return [.. MiniExcelLibs.MiniExcel.Query(workbook, useHeaderRow: false, sheetName: sheet)
            .Select(row => ((IDictionary<string, object?>)row).Values.Select(v => v?.ToString() ?? "").ToArray())];
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
