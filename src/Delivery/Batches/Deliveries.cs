using System.Globalization;
using System.Runtime.CompilerServices;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Vision;

namespace Photocollect.Delivery.Batches;

/// <summary>
/// Delivery batches (交付批次): made from a campaign's approved, produced photos (optionally one level or college, by
/// default only those not delivered before), frozen with their file names, and streamed as one ZIP: the CHSI files,
/// the manifest (Excel and CSV) and the validation report. Photos are read a page at a time, so a batch of thousands
/// never sits in memory.
/// </summary>
public sealed class Deliveries(AppDbContext db, ExportLog log, TimeProvider clock)
{
    private const int Page = 25;
    private static readonly JsonSerializerOptions HistoryJson = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>What a batch is made of.</summary>
    /// <param name="CampaignId">The campaign.</param>
    /// <param name="Level">Only this level, or null.</param>
    /// <param name="College">Only this college, or null.</param>
    /// <param name="IncludeDelivered">Also photos already in an earlier batch.</param>
    public sealed record Selection(Guid CampaignId, string? Level, string? College, bool IncludeDelivered);

    /// <summary>A batch as listed.</summary>
    public sealed record BatchView(Guid Id, int Number, string CampaignName, string? Level, string? College, DeliveryNaming Naming,
        int PhotoCount, int Renamed, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);

    /// <summary>How many photos a selection would take now.</summary>
    public Task<int> CountAsync(Selection selection, CancellationToken cancellationToken) => Candidates(selection).CountAsync(cancellationToken);

    /// <summary>Makes a batch, or returns null when the selection holds no photo.</summary>
    public async Task<DeliveryBatch?> CreateAsync(Selection selection, Guid createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == selection.CampaignId, cancellationToken);
        if (campaign is null)
        {
            return null;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.InTransactionAsync(async (transaction, ct) =>
                {
                    // One batch of a campaign at a time: two made at once would otherwise both take the same photos.
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"delivery:" + campaign.Id}))", ct);
                    var students = await (
                        from o in Candidates(selection)
                        join r in db.StudentRecords on o.RecordId equals r.Id
                        orderby r.StudentNumber, o.CreatedAt
                        select new { Order = o.Id, o.RecordId, PhotoId = o.PhotoId!.Value, r.StudentNumber, r.IdNumber }).ToListAsync(ct);
                    if (students.Count == 0)
                    {
                        return null;
                    }

                    var examNumbers = campaign.DeliveryNaming == DeliveryNaming.ExamNumber
                        ? await db.Roster.AsNoTracking().Where(e => e.ExamNumber != "").ToDictionaryAsync(e => e.StudentNumber, e => e.ExamNumber, ct)
                        : [];
                    var names = DeliveryFileNames.Assign(
                        students.Select(s => new DeliveryFileNames.Student(s.Order, s.StudentNumber, s.IdNumber, examNumbers.GetValueOrDefault(s.StudentNumber, ""))),
                        campaign.DeliveryNaming);
                    var number = (await db.DeliveryBatches.MaxAsync(b => (int?)b.Number, ct) ?? 0) + 1;
                    var batch = new DeliveryBatch
                    {
                        Id = Guid.NewGuid(),
                        CampaignId = campaign.Id,
                        Number = number,
                        Level = selection.Level,
                        College = selection.College,
                        Naming = campaign.DeliveryNaming,
                        PhotoCount = students.Count,
                        CreatedBy = createdBy,
                        CreatedAt = clock.GetUtcNow(),
                    };
                    db.DeliveryBatches.Add(batch);
                    db.DeliveryItems.AddRange(students.Zip(names, (s, n) => new DeliveryItem
                    {
                        BatchId = batch.Id,
                        OrderId = s.Order,
                        RecordId = s.RecordId,
                        PhotoId = s.PhotoId,
                        FileName = n.FileName,
                        WantedName = n.WantedName,
                    }));
                    await db.SaveChangesAsync(ct);
                    await transaction.CommitAsync(ct);
                    return batch;
                }, cancellationToken);
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e) && attempt < 5)
            {
                // Two batches made at once took the same number: take the next.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The batches of a campaign, newest first.</summary>
    public async Task<IReadOnlyList<BatchView>> ListAsync(Guid? campaignId, CancellationToken cancellationToken) =>
        await (from b in db.DeliveryBatches.AsNoTracking()
               join c in db.Campaigns on b.CampaignId equals c.Id
               where campaignId == null || b.CampaignId == campaignId
               orderby b.Number descending
               select new BatchView(b.Id, b.Number, c.Name, b.Level, b.College, b.Naming, b.PhotoCount,
                   db.DeliveryItems.Count(i => i.BatchId == b.Id && i.WantedName != null), b.CreatedAt, b.DeliveredAt))
            .ToListAsync(cancellationToken);

    /// <summary>One batch, or null.</summary>
    public Task<DeliveryBatch?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.DeliveryBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);

    /// <summary>The ZIP's file name, <c>delivery-001.zip</c>: ASCII, so every browser and unzip tool keeps it.</summary>
    public static string ZipName(DeliveryBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return $"delivery-{batch.Number:000}.zip";
    }

    /// <summary>
    /// Writes the batch as a ZIP to <paramref name="output"/> (forward only): <c>photos/…</c>, <c>manifest.xlsx</c>,
    /// <c>manifest.csv</c>, <c>validation.csv</c>. The download is logged first and the batch counts as delivered.
    /// </summary>
    public async Task WriteZipAsync(DeliveryBatch batch, Stream output, ExportLog.Requester by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await log.RecordAsync(by, "delivery-zip", $"batch {batch.Number}", batch.PhotoCount, cancellationToken);
        var deliveredAt = batch.DeliveredAt ?? clock.GetUtcNow();
        if (batch.DeliveredAt is null)
        {
            await db.DeliveryBatches.Where(b => b.Id == batch.Id && b.DeliveredAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.DeliveredAt, deliveredAt), cancellationToken);
        }

        var rows = await ManifestAsync(batch.Id, cancellationToken);
        var checks = new Dictionary<string, DeliveredPhotoCheck.Result>(StringComparer.Ordinal);
        await using var body = new ForwardBuffer(output);
        await using (var zip = new ZipArchive(body, ZipArchiveMode.Create, leaveOpen: true))
        {
            await foreach (var photo in PhotosAsync(batch.Id, cancellationToken))
            {
                var bytes = photo.Standard ?? [];
                checks[photo.FileName] = DeliveredPhotoCheck.Check(bytes);
                var entry = zip.CreateEntry("photos/" + photo.FileName, CompressionLevel.NoCompression);
                entry.LastWriteTime = deliveredAt.ToOffset(China);
                await using var stream = await entry.OpenAsync(cancellationToken);
                await stream.WriteAsync(bytes, cancellationToken);
            }

            var manifest = Manifest(rows, deliveredAt);
            var validation = Validation(rows, checks);
            await WriteEntryAsync(zip, "manifest.xlsx", s => Table.WriteXlsxAsync(s, [manifest, validation], cancellationToken));
            await WriteEntryAsync(zip, "manifest.csv", s => manifest.WriteCsvAsync(s, cancellationToken));
            await WriteEntryAsync(zip, "validation.csv", s => validation.WriteCsvAsync(s, cancellationToken));
        }

        await body.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the batch's print sheets (冲印排版) to <paramref name="output"/> (forward only): one PDF, or the sheets as
    /// 300-dpi JPEG pages in a ZIP. The photos come in file-name order, the order of the manifest. Logged first.
    /// </summary>
    public async Task WritePrintsAsync(DeliveryBatch batch, Stream output, bool pdf, Prints.PrintLayout layout, ExportLog.Requester by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await log.RecordAsync(by, pdf ? "prints-pdf" : "prints-jpeg", $"batch {batch.Number} {layout.Key}", batch.PhotoCount, cancellationToken);
        if (pdf)
        {
            await Prints.PrintSheets.WritePdfAsync(PrintPhotosAsync(batch.Id, cancellationToken), output, layout, cancellationToken);
            return;
        }

        await using var body = new ForwardBuffer(output);
        await using (var zip = new ZipArchive(body, ZipArchiveMode.Create, leaveOpen: true))
        {
            await Prints.PrintSheets.WriteJpegPagesAsync(PrintPhotosAsync(batch.Id, cancellationToken), zip, "sheets", layout, cancellationToken);
        }

        await body.FlushAsync(cancellationToken);
    }

    /// <summary>The print sheets' file name.</summary>
    public static string PrintsName(DeliveryBatch batch, bool pdf)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return $"prints-{batch.Number:000}.{(pdf ? "pdf" : "zip")}";
    }

    // The batch's photos with their captions, for the print sheets.
    private async IAsyncEnumerable<Prints.PrintPhoto> PrintPhotosAsync(Guid batchId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var photo in PhotosAsync(batchId, cancellationToken))
        {
            if (photo.Standard is { } jpeg)
            {
                yield return new Prints.PrintPhoto(photo.Name, photo.StudentNumber, jpeg);
            }
        }
    }

    // The batch's photos in file-name order, a page at a time (keyset on the file name, the batch's unique key), so a
    // batch of thousands is never held at once.
    private async IAsyncEnumerable<BatchPhoto> PhotosAsync(Guid batchId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = "";
        while (true)
        {
            var page = await (from i in db.DeliveryItems.AsNoTracking()
                              join r in db.StudentRecords on i.RecordId equals r.Id
                              join f in db.PhotoFiles on i.PhotoId equals f.PhotoId
                              where i.BatchId == batchId && i.FileName.CompareTo(after) > 0
                              orderby i.FileName
                              select new BatchPhoto(i.FileName, r.Name, r.StudentNumber, f.Standard)).Take(Page).ToListAsync(cancellationToken);
            foreach (var photo in page)
            {
                yield return photo;
            }

            if (page.Count < Page)
            {
                yield break;
            }

            after = page[^1].FileName;
        }
    }

    private sealed record BatchPhoto(string FileName, string Name, string StudentNumber, byte[]? Standard);

    /// <summary>The batch's manifest rows, in file-name order.</summary>
    public async Task<IReadOnlyList<ManifestRow>> ManifestAsync(Guid batchId, CancellationToken cancellationToken)
    {
        var items = await (from i in db.DeliveryItems.AsNoTracking()
                           join r in db.StudentRecords on i.RecordId equals r.Id
                           join o in db.Orders on i.OrderId equals o.Id
                           where i.BatchId == batchId
                           orderby i.FileName
                           select new { i.FileName, i.WantedName, r.StudentNumber, r.Name, r.IdNumber, r.Level, r.College, r.Major, o.History })
            .ToListAsync(cancellationToken);
        var classes = await db.Roster.AsNoTracking().Where(e => e.ClassName != "").ToDictionaryAsync(e => e.StudentNumber, e => e.ClassName, cancellationToken);
        return [.. items.Select(i => new ManifestRow(i.FileName, i.WantedName, i.StudentNumber, i.Name, i.IdNumber, i.Level, i.College, i.Major,
            classes.GetValueOrDefault(i.StudentNumber, ""), ApprovedAt(i.History)))];
    }

    /// <summary>One student of a batch.</summary>
    public sealed record ManifestRow(string FileName, string? WantedName, string StudentNumber, string Name, string IdNumber, string Level,
        string College, string Major, string ClassName, DateTimeOffset? ReviewedAt);

    // The orders that may go into a batch now: approved and produced (已完成), not reprints, of the campaign and the
    // selection, and unless asked otherwise not delivered before.
    private IQueryable<Order> Candidates(Selection selection) =>
        from o in db.Orders.AsNoTracking()
        join r in db.StudentRecords on o.RecordId equals r.Id
        where o.CampaignId == selection.CampaignId && o.Status == OrderStatus.Completed && o.Kind != OrderKind.Reprint && o.PhotoId != null
            && (selection.Level == null || r.Level == selection.Level)
            && (selection.College == null || r.College == selection.College)
            && (selection.IncludeDelivered || !db.DeliveryItems.Any(i => i.OrderId == o.Id))
        select o;

    private static DateTimeOffset? ApprovedAt(string history) =>
        JsonSerializer.Deserialize<List<OrderChange>>(history, HistoryJson)?.LastOrDefault(c => c.Event == OrderEvent.Approve)?.At;

    private static Table Manifest(IReadOnlyList<ManifestRow> rows, DateTimeOffset deliveredAt) => new(
        "名单",
        ["学号", "姓名", "身份证号", "层次", "学院", "专业", "班级", "文件名", "审核通过时间", "交付时间"],
        [.. rows.Select(r => (IReadOnlyList<string>)[r.StudentNumber, r.Name, r.IdNumber, r.Level, r.College, r.Major, r.ClassName, r.FileName,
            Time(r.ReviewedAt), Time(deliveredAt)])]);

    private static Table Validation(IReadOnlyList<ManifestRow> rows, Dictionary<string, DeliveredPhotoCheck.Result> checks) => new(
        "校验",
        ["文件名", "学号", "结果", "宽", "高", "字节", "背景合格比例", "背景色差中位数", "问题"],
        [.. rows.Select(r =>
        {
            var check = checks.GetValueOrDefault(r.FileName);
            var problems = new List<string>();
            if (r.WantedName is "")
            {
                problems.Add("缺少命名所需的号码，已按学号命名");
            }
            else if (r.WantedName is { } wanted)
            {
                problems.Add($"文件名 {wanted} 重复，已改为 {r.FileName}");
            }

            problems.AddRange(check?.Problems.Select(Describe) ?? ["照片文件缺失"]);
            var passed = check is { Passed: true };
            return (IReadOnlyList<string>)[r.FileName, r.StudentNumber, passed ? "合格" : "不合格",
                Num(check?.Width), Num(check?.Height), Num(check?.Bytes),
                check is null ? "" : check.BackgroundShare.ToString("P0", CultureInfo.InvariantCulture),
                check is null || double.IsNaN(check.BackgroundDeltaE) ? "" : check.BackgroundDeltaE.ToString("0.0", CultureInfo.InvariantCulture),
                string.Join("；", problems)];
        })]);

    private static string Describe(DeliveredPhotoCheck.Problem problem) => problem switch
    {
        DeliveredPhotoCheck.Problem.NotJpeg => "不是可解码的 JPEG 文件",
        DeliveredPhotoCheck.Problem.WrongSize => "尺寸不是 480×640",
        DeliveredPhotoCheck.Problem.FileSize => $"文件大小不在 {StandardPhoto.FileSize.Min / 1024}–{StandardPhoto.FileSize.Max / 1024} KB 之间",
        _ => $"背景不是标准蓝色（色差 ≤ {DeliveredPhotoCheck.MaxBackgroundDeltaE} 的比例不足 {DeliveredPhotoCheck.MinBackgroundShare:P0}）",
    };

    private static string Num(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Time(DateTimeOffset? at) => at?.ToOffset(China).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";

    private static async Task WriteEntryAsync(ZipArchive zip, string name, Func<Stream, Task> write)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync();
        await write(stream);
    }
}
