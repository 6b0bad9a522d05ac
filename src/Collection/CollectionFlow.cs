using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Grains.Students;
using Photocollect.Tenancy;
using Photocollect.Vision;
using Photocollect.Accounts;
using Photocollect.Data;
using Photocollect.Collection.Registry;

namespace Photocollect.Collection;

/// <summary>
/// The student's online collection, step by step; the pages and the JSON API both call this, so they cannot drift
/// apart. Every method works inside the current school and refuses outside the campaign's window.
/// </summary>
public sealed class CollectionFlow(
    AppDbContext db,
    PhotoVision vision,
    TenantContext tenant,
    IStudentRegistry registry,
    IGrainFactory grains,
    OrderNumbers numbers,
    UploadStore uploads,
    StudentOrders orders,
    CampaignDirectory campaigns,
    IMemoryCache seen,
    TimeProvider clock)
{
    private const string OpenOrderKey = "open-order";
    private static readonly TimeSpan OpenOrderSeenFor = TimeSpan.FromSeconds(30);

    /// <summary>Largest photo or screenshot accepted, bytes.</summary>
    public const int MaxUploadBytes = 15 * 1024 * 1024;

    /// <summary>
    /// The collection's meter (<c>dotnet-counters monitor --counters Photocollect.Collection</c>): how long storing an
    /// upload with its standard photo took (the vision work is in <see cref="VisionGate.MeterName"/>).
    /// </summary>
    public const string MeterName = "Photocollect.Collection";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> Stored = Meter.CreateHistogram<double>("photocollect.photo.store", "ms", "Time to store an upload, its standard photo and its checks");

    /// <summary>Where a campaign's window stands now.</summary>
    public WindowState Window(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var now = clock.GetUtcNow();
        return now < campaign.StartsAt ? WindowState.NotStarted : now >= campaign.EndsAt ? WindowState.Ended : WindowState.Open;
    }

    // Every collection page and API call asks these: compiled once, they skip building, hashing and looking up the LINQ
    // expression per request.
    private static readonly Func<AppDbContext, IAsyncEnumerable<Campaign>> SchoolCampaigns = EF.CompileAsyncQuery<AppDbContext, Campaign>(
        (AppDbContext db) => db.Campaigns.AsNoTracking().OrderBy(c => c.StartsAt));

    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<bool>> RecordExists = EF.CompileAsyncQuery(
        (AppDbContext db, Guid record, CancellationToken _) => db.StudentRecords.Any(r => r.Id == record));

    /// <summary>The school's campaign of a kind: the open one, else the next, else the last.</summary>
    public async Task<Campaign?> CampaignAsync(CampaignKind kind, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var campaigns = (await KeptCampaignsAsync(cancellationToken)).Where(c => c.Kind == kind).ToList();
        return (campaigns.FirstOrDefault(c => c.StartsAt <= now && now < c.EndsAt)
            ?? campaigns.FirstOrDefault(c => c.StartsAt > now)
            ?? campaigns.LastOrDefault())?.Copy();
    }

    /// <summary>The campaign with this id in the current school, or null.</summary>
    public async Task<Campaign?> CampaignAsync(Guid id, CancellationToken cancellationToken = default) =>
        (await KeptCampaignsAsync(cancellationToken)).FirstOrDefault(c => c.Id == id)?.Copy();

    // The school's campaigns, oldest first, as the directory keeps them (read here when it keeps none).
    private Task<IReadOnlyList<Campaign>> KeptCampaignsAsync(CancellationToken cancellationToken) =>
        campaigns.OfSchoolAsync(tenant.RequiredSchool.Id, ct => SchoolCampaigns(db).ToListAsync(ct).AsTask(), cancellationToken);

    /// <summary>
    /// The student's state in a campaign. A verification the grain recorded whose record row was never saved (the
    /// database failed between the two) reads as not verified, so the student is asked again instead of being stuck
    /// at a step that needs the record; the held record is still there, so one more entry completes it. An order that
    /// ended (closed unpaid, or refunded) holds nobody back: closing and refunding free its claim, and should the
    /// process have stopped between the two, this frees it (within half a minute of the order being seen open here),
    /// so the student is back at the camera, graduate or freshman alike, and can start again while the window is open.
    /// </summary>
    public async Task<StudentState> StateAsync(Guid accountId, Campaign campaign, CancellationToken cancellationToken = default)
    {
        var student = Student(accountId, campaign);
        var state = await student.GetAsync(cancellationToken);
        if (state is { Step: StudentStep.Ordered, OrderId: { } orderId } && await OrderEndedAsync(orderId, cancellationToken))
        {
            await student.ReleaseOrderAsync(orderId, cancellationToken);
            state = await student.GetAsync(cancellationToken);
        }

        return state is { Step: StudentStep.Verified or StudentStep.ReadyToShoot, RecordId: { } recordId, PendingRecord: not null }
            && !await RecordExists(db, recordId, cancellationToken)
            ? state with { Step = StudentStep.NeedsRecord }
            : state;
    }

    // Closing an order unpaid and refunding one free the student's claim themselves, right after; this frees a claim
    // whose order ended without that (the process stopped between the two). An order seen open is not asked again
    // on this instance for half a minute: the safety net may take that long, and the camera page makes one grain
    // call instead of two.
    private async Task<bool> OrderEndedAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var key = (OpenOrderKey, tenant.RequiredSchool.Id, orderId);
        if (seen.TryGetValue(key, out DateTimeOffset until) && until > clock.GetUtcNow())
        {
            return false;
        }

        if ((await grains.Order(tenant.RequiredSchool.Id, orderId).GetAsync(cancellationToken))?.Status is OrderStatus.Closed or OrderStatus.Refunded)
        {
            return true;
        }

        seen.Set(key, clock.GetUtcNow() + OpenOrderSeenFor, OpenOrderSeenFor);
        return false;
    }

    /// <summary>Reads a collection code from a screenshot or photo (<paramref name="image"/>) or its text.</summary>
    public async Task<CodeResult> ReadCodeAsync(Guid accountId, Campaign campaign, byte[]? image, string? text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (image is not null)
        {
            QrResult decoded;
            try
            {
                decoded = await vision.DecodeCodesAsync(image, cancellationToken);
            }
            catch (VisionBusyException)
            {
                return new(null, CodeProblem.Busy);
            }

            if (decoded.Error is not null)
            {
                return new(null, CodeProblem.NotAnImage);
            }

            if (decoded.Codes.Count != 1)
            {
                return new(null, decoded.Codes.Count == 0 ? CodeProblem.NoCode : CodeProblem.SeveralCodes);
            }

            text = decoded.Codes[0];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new(null, CodeProblem.NoCode);
        }

        var lookup = await registry.ResolveAsync(text.Trim(), cancellationToken);
        if (lookup.Record is not { } record)
        {
            return new(null, lookup.Error switch
            {
                RegistryError.Forged => CodeProblem.Forged,
                RegistryError.Expired => CodeProblem.Expired,
                RegistryError.NotFound => CodeProblem.NotFound,
                RegistryError.Unavailable => CodeProblem.Unavailable,
                _ => CodeProblem.Malformed,
            });
        }

        if (record.SchoolCode != tenant.RequiredSchool.SchoolCode)
        {
            return new(null, CodeProblem.OtherSchool);
        }

        await Student(accountId, campaign).HoldRecordAsync(
            JsonSerializer.Serialize(new Held(record, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.Trim())))), Json), cancellationToken);
        return new(record, null);
    }

    /// <summary>The record waiting for verification, or null.</summary>
    public async Task<RegistryRecord?> PendingRecordAsync(Guid accountId, Campaign campaign, CancellationToken cancellationToken = default)
    {
        var state = await StateAsync(accountId, campaign, cancellationToken);
        return state.PendingRecord is { } held ? JsonSerializer.Deserialize<Held>(held, Json)?.Record : null;
    }

    /// <summary>Verifies the pending record as the campaign says, and stores the student's collection record.</summary>
    public async Task<VerifyResult> VerifyAsync(Guid accountId, string accountPhone, Campaign campaign, VerifyInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(input);
        if (!string.IsNullOrWhiteSpace(input.Phone) && PhoneNumber.Normalise(input.Phone) is null)
        {
            // One rule for the page and the API: the SMS goes to this number, and the column holds 11 digits.
            return new(null, VerifyProblem.BadPhone);
        }

        var student = Student(accountId, campaign);
        var state = await student.GetAsync(cancellationToken);
        if (state.PendingRecord is null || JsonSerializer.Deserialize<Held>(state.PendingRecord, Json) is not { } held)
        {
            return new(null, VerifyProblem.NoPendingRecord);
        }

        if (await student.LockedUntilAsync(cancellationToken) is { } locked)
        {
            return new(null, VerifyProblem.Locked, 0, locked);
        }

        var record = held.Record;
        var roster = await db.Roster.AsNoTracking().SingleOrDefaultAsync(r => r.StudentNumber == record.StudentNumber, cancellationToken);
        if (roster is null)
        {
            return new(null, VerifyProblem.NotOnRoster);
        }

        if (campaign.Levels.Count > 0 && !campaign.Levels.Contains(record.Level))
        {
            return new(null, VerifyProblem.LevelNotOffered);
        }

        var correct = campaign.Verification switch
        {
            VerificationMode.FeatureCode => Same(input.FeatureCode, campaign.FeatureCode),
            VerificationMode.IdLastFour => Same(input.IdLastFour, record.IdNumber[^4..]),
            _ => Same(input.Name, roster.Name) && Same(input.StudentNumber, roster.StudentNumber),
        };
        var recordId = await db.StudentRecords.AsNoTracking()
            .Where(r => r.AccountId == accountId && r.CampaignId == campaign.Id).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken)
            ?? Guid.CreateVersion7();
        var verdict = await student.VerifyAsync(recordId, correct, cancellationToken);
        if (verdict.Outcome != VerificationOutcome.Verified)
        {
            return new(null, verdict.Outcome == VerificationOutcome.Locked ? VerifyProblem.Locked : VerifyProblem.Wrong, verdict.RemainingAttempts, verdict.LockedUntil);
        }

        var row = await db.StudentRecords.SingleOrDefaultAsync(r => r.Id == recordId, cancellationToken);
        if (row is null)
        {
            row = new StudentRecord { Id = recordId, AccountId = accountId, CampaignId = campaign.Id, Name = record.Name, StudentNumber = record.StudentNumber };
            db.StudentRecords.Add(row);
        }

        row.Name = record.Name;
        row.StudentNumber = record.StudentNumber;
        row.Gender = record.Gender;
        row.BirthDate = record.BirthDate;
        row.IdNumber = record.IdNumber;
        row.Level = record.Level;
        row.College = string.IsNullOrEmpty(record.College) ? roster.College : record.College;
        row.Major = string.IsNullOrEmpty(record.Major) ? roster.Major : record.Major;
        row.AdmissionDate = record.AdmissionDate;
        row.LeavingDate = record.LeavingDate;
        row.Phone = string.IsNullOrWhiteSpace(input.Phone) ? accountPhone : PhoneNumber.Normalise(input.Phone)!;
        row.CodeHash = held.CodeHash;
        row.VerifiedAt = clock.GetUtcNow();
        if (!await db.AdmissionPhotos.AnyAsync(a => a.RecordId == row.Id, cancellationToken) && await registry.AdmissionPhotoAsync(record, cancellationToken) is { } admission)
        {
            db.AdmissionPhotos.Add(new AdmissionPhoto { RecordId = row.Id, Image = admission });
        }

        return await SaveRecordAsync(row, cancellationToken);
    }

    private async Task<VerifyResult> SaveRecordAsync(StudentRecord row, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The campaign's one record per student number belongs to another account.
            db.ChangeTracker.Clear();
            return new(null, VerifyProblem.TakenByAnotherAccount);
        }

        await orders.ChangedAsync([row.AccountId]);  // a verified record's name may have changed, and its orders show it
        return new(row, null);
    }

    /// <summary>
    /// 新生照片上传: verifies against the roster alone (there is no collection code): name and student number, plus
    /// the ID number's last four or the feature code when the campaign asks for them. A miss of any kind counts as a
    /// wrong attempt, so the roster cannot be probed.
    /// </summary>
    public async Task<VerifyResult> VerifyFromRosterAsync(Guid accountId, string accountPhone, Campaign campaign, VerifyInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(input);
        if (!string.IsNullOrWhiteSpace(input.Phone) && PhoneNumber.Normalise(input.Phone) is null)
        {
            // One rule for the page and the API: the SMS goes to this number, and the column holds 11 digits.
            return new(null, VerifyProblem.BadPhone);
        }

        var student = Student(accountId, campaign);
        if (await student.LockedUntilAsync(cancellationToken) is { } locked)
        {
            return new(null, VerifyProblem.Locked, 0, locked);
        }

        var number = input.StudentNumber?.Trim() ?? "";
        var roster = number.Length == 0 ? null
            : await db.Roster.AsNoTracking().SingleOrDefaultAsync(r => r.StudentNumber == number, cancellationToken);
        var correct = roster is not null && Same(input.Name, roster.Name) && campaign.Verification switch
        {
            VerificationMode.FeatureCode => Same(input.FeatureCode, campaign.FeatureCode),
            VerificationMode.IdLastFour => Same(input.IdLastFour, roster.IdLastFour),
            _ => true,
        };
        var recordId = await db.StudentRecords.AsNoTracking()
            .Where(r => r.AccountId == accountId && r.CampaignId == campaign.Id).Select(r => (Guid?)r.Id).SingleOrDefaultAsync(cancellationToken)
            ?? Guid.CreateVersion7();
        if (correct && campaign.Levels.Count > 0 && !campaign.Levels.Contains(roster!.Level))
        {
            return new(null, VerifyProblem.LevelNotOffered);
        }

        var verdict = await student.VerifyAsync(recordId, correct, cancellationToken);
        if (verdict.Outcome != VerificationOutcome.Verified)
        {
            return new(null, verdict.Outcome == VerificationOutcome.Locked ? VerifyProblem.Locked : VerifyProblem.Wrong, verdict.RemainingAttempts, verdict.LockedUntil);
        }

        var row = await db.StudentRecords.SingleOrDefaultAsync(r => r.Id == recordId, cancellationToken);
        if (row is null)
        {
            row = new StudentRecord { Id = recordId, AccountId = accountId, CampaignId = campaign.Id, Name = roster!.Name, StudentNumber = roster.StudentNumber };
            db.StudentRecords.Add(row);
        }

        row.Name = roster!.Name;
        row.StudentNumber = roster.StudentNumber;
        row.Level = roster.Level;
        row.College = roster.College;
        row.Major = roster.Major;
        row.Phone = string.IsNullOrWhiteSpace(input.Phone) ? accountPhone : PhoneNumber.Normalise(input.Phone)!;
        row.VerifiedAt = clock.GetUtcNow();
        return await SaveRecordAsync(row, cancellationToken);
    }

    /// <summary>The student's verified record in a campaign, or null.</summary>
    public Task<StudentRecord?> RecordAsync(Guid accountId, Campaign campaign, CancellationToken cancellationToken = default) =>
        db.StudentRecords.AsNoTracking().SingleOrDefaultAsync(r => r.AccountId == accountId && r.CampaignId == campaign.Id, cancellationToken);

    /// <summary>
    /// The standards were read and the student consented, separately, to the processing of their face image (the time
    /// of the first consent is kept on the record). Without that consent there is no online photo: callers ask for it
    /// and, when it is declined, say what else the student can do.
    /// </summary>
    public async Task<StudentState> AcknowledgeStandardsAsync(Guid accountId, Campaign campaign, bool faceConsent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (!faceConsent)
        {
            throw new ArgumentException("The face image needs the student's separate consent.", nameof(faceConsent));
        }

        var now = clock.GetUtcNow();
        if (await db.StudentRecords.Where(r => r.AccountId == accountId && r.CampaignId == campaign.Id && r.FaceConsentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.FaceConsentAt, now), cancellationToken) > 0)
        {
            await orders.ChangedAsync([accountId]);  // the account page shows the consent's time
        }

        return await Student(accountId, campaign).AcknowledgeStandardsAsync(cancellationToken);
    }

    /// <summary>Checks an uploaded photo, makes its standard photo and compares it with the admission photo.</summary>
    /// <remarks>
    /// Online the student's consent to the face image is required (<paramref name="requireConsent"/>); the on-site
    /// station, where the photographer takes the photo in person, does not ask it here yet.
    /// </remarks>
    public async Task<PhotoResult> CheckPhotoAsync(Guid accountId, Campaign campaign, byte[] bytes, bool requireConsent = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(bytes);
        var record = await RecordAsync(accountId, campaign, cancellationToken);
        if (record is null)
        {
            return new(null, new CheckReport(false, [], null, null), "no_record");
        }

        if (requireConsent && record.FaceConsentAt is null)
        {
            return new(null, new CheckReport(false, [], null, null), "no_consent");
        }

        if (bytes.Length > MaxUploadBytes)
        {
            return new(null, new CheckReport(false, [], ImageError.TooLarge, null), "too_large");
        }

        StandardPhotoResult made;
        Comparison? comparison;
        try
        {
            (made, comparison) = await vision.CheckAsync(record.Id, campaign, bytes, cancellationToken);
        }
        catch (VisionBusyException)
        {
            // Nothing stored, no attempt counted: the same photo can be sent again in a moment.
            return new(null, new CheckReport(false, [], null, null), "busy");
        }

        if (made.Source.Error is not null)
        {
            return new(null, made.Source, "not_an_image");
        }

        var photo = new Photo
        {
            Id = Guid.CreateVersion7(),
            RecordId = record.Id,
            AccountId = accountId,
            Passed = made.Source.Pass,
            Checks = StoredChecks.Write(made.Source),
            Marks = StoredMarks.Write(made.Source.Analysis),
            ComparisonScore = comparison?.Score,
            SamePerson = comparison?.Score is null ? null : comparison.Same,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Photos.Add(photo);
        var storing = Stopwatch.GetTimestamp();
        if (uploads.Enabled)
        {
            // The file before the row (UploadStore says why); a row that then fails to commit takes its file with it.
            var school = tenant.RequiredSchool.Id;
            await uploads.WriteAsync(school, photo.Id, bytes, cancellationToken);
            db.PhotoFiles.Add(new PhotoFile { PhotoId = photo.Id, SourceInStore = true, Standard = made.Jpeg });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch
            {
                // Not committed: the file is nobody's. (A commit whose answer was lost, seen by a retry as a duplicate
                // key, keeps its file.)
                if (!await RowCommittedAsync(photo.Id))
                {
                    uploads.Delete(school, [photo.Id]);
                }

                throw;
            }
        }
        else
        {
            db.PhotoFiles.Add(new PhotoFile { PhotoId = photo.Id, Source = bytes, Standard = made.Jpeg });
            await db.SaveChangesAsync(cancellationToken);
        }

        Stored.Record(Stopwatch.GetElapsedTime(storing).TotalMilliseconds);
        await orders.ChangedAsync([accountId]);  // the account page counts the photos stored
        await Student(accountId, campaign).RecordCheckAsync(
            new CheckSummary(photo.Id, photo.Passed, made.Source.Failures.Select(f => f.Name).ToList(), photo.CreatedAt), cancellationToken);
        return new(photo, made.Source, null);
    }

    // Whether a photo's file row is in the database after a failed save; when that cannot be told, it is taken as yes
    // (a file kept in vain costs less than a committed row without its file).
    private async Task<bool> RowCommittedAsync(Guid photoId)
    {
        try
        {
            return await db.PhotoFiles.AsNoTracking().AnyAsync(f => f.PhotoId == photoId, CancellationToken.None);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or TimeoutException)
        {
            return true;
        }
    }

    /// <summary>
    /// Judges a live preview frame for the camera page's guide: nothing is stored, no attempt is counted, and it runs
    /// only for a verified student who consented to the processing of their face image, and only when a vision worker
    /// is idle (uploads come first). The check after the shutter still decides.
    /// </summary>
    public async Task<FrameResult> JudgeFrameAsync(Guid accountId, Campaign campaign, byte[] frame, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Length > FramingGuide.MaxFrameBytes)
        {
            return new(null, "too_large", TimeSpan.Zero);
        }

        var consented = await db.StudentRecords.AsNoTracking()
            .Where(r => r.AccountId == accountId && r.CampaignId == campaign.Id)
            .Select(r => (bool?)(r.FaceConsentAt != null))
            .SingleOrDefaultAsync(cancellationToken);
        if (consented is not true)
        {
            return new(null, consented is null ? "no_record" : "no_consent", TimeSpan.Zero);
        }

        try
        {
            var (verdict, spent) = await vision.JudgeFrameAsync(frame, cancellationToken);
            return verdict.Error switch
            {
                null => new(verdict, null, spent),
                ImageError.TooLarge => new(null, "too_large", spent),
                _ => new(null, "not_an_image", spent),
            };
        }
        catch (VisionBusyException)
        {
            return new(null, "busy", TimeSpan.Zero);
        }
    }

    /// <summary>A photo of the account's, or null.</summary>
    public Task<Photo?> PhotoAsync(Guid accountId, Guid photoId, CancellationToken cancellationToken = default) =>
        db.Photos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId && p.AccountId == accountId, cancellationToken);

    /// <summary>
    /// Submits a passed photo: makes the campaign's one order (待支付, price frozen) or, when there is one, attaches the
    /// photo to it (a reshoot after rejection goes back to review without paying again). Two submits at once give
    /// one order.
    /// </summary>
    public async Task<SubmitResult> SubmitAsync(Guid accountId, Campaign campaign, Guid photoId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var photo = await PhotoAsync(accountId, photoId, cancellationToken);
        var record = await RecordAsync(accountId, campaign, cancellationToken);
        if (photo is null || record is null || photo.RecordId != record.Id)
        {
            return new(null, "not_found");
        }

        if (!photo.Passed)
        {
            return new(null, "not_passed");
        }

        var tenantId = tenant.RequiredSchool.Id;
        var student = Student(accountId, campaign);
        var orderId = await student.ClaimOrderAsync(Guid.CreateVersion7(), cancellationToken);
        var order = grains.Order(tenantId, orderId);
        var existing = await order.GetAsync(cancellationToken);
        OrderResult result;
        if (existing is null)
        {
            result = await NewOrders.CreateAsync(order, numbers, tenant.RequiredSchool.SchoolCode, number =>
                new NewOrder(number, accountId, record.Id, campaign.Id, OrderKind.Group, campaign.PriceFen, photo.Id,
                    TimeSpan.FromMinutes(campaign.PayWithinMinutes)),
                cancellationToken);
        }
        else if (existing.Status is OrderStatus.Closed or OrderStatus.Refunded)
        {
            // The old order ended unpaid or refunded: free the claim and start again.
            await student.ReleaseOrderAsync(orderId, cancellationToken);
            return await SubmitAsync(accountId, campaign, photoId, cancellationToken);
        }
        else
        {
            result = await order.SubmitPhotoAsync(photo.Id, accountId.ToString(), cancellationToken);
        }

        if (!result.Succeeded)
        {
            return new(await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken), result.Refusal ?? "refused");
        }

        if (result.State is { Status: OrderStatus.PendingPayment, PriceFen: 0 })
        {
            // A free campaign (often the freshman upload): nothing to pay, straight on to review.
            await order.PayAsync(FreeReference(orderId), 0, result.State.Currency, cancellationToken);
        }

        return new(await db.Orders.AsNoTracking().SingleAsync(o => o.Id == orderId, cancellationToken), null);
    }

    /// <summary>The payment reference of an order that cost nothing.</summary>
    public static string FreeReference(Guid orderId) => $"free:{orderId:N}";

    private static bool Same(string? given, string expected) =>
        given is not null && string.Equals(given.Trim(), expected.Trim(), StringComparison.OrdinalIgnoreCase);

    private IStudentGrain Student(Guid accountId, Campaign campaign) => grains.Student(tenant.RequiredSchool.Id, accountId, campaign.Id);

    private sealed record Held(RegistryRecord Record, string CodeHash);
}
