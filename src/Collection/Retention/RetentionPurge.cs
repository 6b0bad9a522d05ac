using Microsoft.EntityFrameworkCore;
using Photocollect.Data;
using Photocollect.Tenancy;

namespace Photocollect.Collection.Retention;

/// <summary>
/// The retention purge (decision 011): at every school, each campaign's personal data past its period
/// (<see cref="RetentionPeriods"/>) is removed: uploads, standard photos and admission photos deleted, ID numbers (with
/// name, gender, birth date) and phone numbers blanked. Records with an order in progress are left for a later run.
/// Orders, payments and refunds stay. Each school gets a <see cref="RetentionRun"/> row per run, zeros included, and the
/// run one audit event at the platform level, by the system. Running it again removes nothing more.
/// </summary>
public sealed class RetentionPurge(AppDbContext db, TenantContext tenant, AuditTrail audit, UploadStore uploads, StudentOrders orders, TimeProvider clock, ILogger<RetentionPurge> logger)
{
    /// <summary>Purges every school; what was removed at each.</summary>
    public async Task<IReadOnlyList<(School School, RetentionCounts Removed)>> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var schools = await db.Schools.AsNoTracking().OrderBy(s => s.Slug).ToListAsync(cancellationToken);
        var done = new List<(School, RetentionCounts)>();
        foreach (var school in schools)
        {
            // Each school on its own: one failing (a database hiccup) leaves the others purged; it is tried next run.
            try
            {
                using var _ = tenant.EnterTenant(school);
                var removed = await SchoolAsync(now, cancellationToken);
                var swept = await SweepAsync(school.Id, cancellationToken);
                if (swept > 0)
                {
                    logger.LogWarning("Retention purge deleted {Count} upload files of school {School} that no row names (left by a crash between a file and its row)", swept, school.Slug);
                }

                db.RetentionRuns.Add(new RetentionRun
                {
                    RanAt = now,
                    SourcePhotos = removed.SourcePhotos,
                    StandardPhotos = removed.StandardPhotos,
                    AdmissionPhotos = removed.AdmissionPhotos,
                    IdNumbers = removed.IdNumbers,
                    Phones = removed.Phones,
                });
                await db.SaveChangesAsync(cancellationToken);
                done.Add((school, removed));
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                db.ChangeTracker.Clear();
                logger.LogError(e, "Retention purge of school {School} failed; tried again next run", school.Slug);
            }
        }

        var total = done.Aggregate(RetentionCounts.None, (sum, d) => sum.Add(d.Item2));
        using (tenant.EnterPlatform())
        {
            await audit.RecordAsAsync(null, "system", "", "", AuditActions.RetentionPurge, now.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                new { total, schools = done.Select(d => new { school = d.Item1.Slug, removed = d.Item2 }) }, cancellationToken);
        }

        if (!total.IsEmpty)
        {
            logger.LogInformation("Retention purge removed {Removed}", total);
        }

        return done;
    }

    // Upload files no row claims: their row never committed (decision 016). Judged by the file's own age on the real
    // clock, so an upload on its way to its row is never taken for one.
    private async Task<int> SweepAsync(Guid schoolId, CancellationToken cancellationToken)
    {
        var swept = 0;
        foreach (var batch in uploads.WrittenBefore(schoolId, DateTimeOffset.UtcNow - UploadStore.OrphanAge).Chunk(1000))
        {
            var claimed = await db.PhotoFiles.AsNoTracking().Where(f => batch.Contains(f.PhotoId) && f.SourceInStore).Select(f => f.PhotoId).ToListAsync(cancellationToken);
            var orphans = batch.Except(claimed).ToList();
            uploads.Delete(schoolId, orphans);
            swept += orphans.Count;
        }

        return swept;
    }

    private async Task<RetentionCounts> SchoolAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var removed = RetentionCounts.None;
        var campaigns = await db.Campaigns.AsNoTracking().Where(c => c.StartsAt <= now).ToListAsync(cancellationToken);
        foreach (var campaign in campaigns)
        {
            removed = removed.Add(await CampaignAsync(campaign, now, cancellationToken));
        }

        return removed;
    }

    private async Task<RetentionCounts> CampaignAsync(Campaign campaign, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var busy = PersonalFields.InProgress(db);
        // Only records that still hold something; a purged campaign costs one empty query a run.
        var held = await db.StudentRecords.AsNoTracking().Where(r => r.CampaignId == campaign.Id)
            .Select(r => new
            {
                r.Id,
                r.AccountId,
                Busy = busy.Any(o => o.RecordId == r.Id),
                DeliveredAt = db.DeliveryBatches
                    .Where(b => b.DeliveredAt != null && db.DeliveryItems.Any(i => i.BatchId == b.Id && i.RecordId == r.Id))
                    .Max(b => b.DeliveredAt),
                Source = db.Photos.Any(p => p.RecordId == r.Id && db.PhotoFiles.Any(f => f.PhotoId == p.Id && (f.Source != null || f.SourceInStore))),
                Standard = db.Photos.Any(p => p.RecordId == r.Id && db.PhotoFiles.Any(f => f.PhotoId == p.Id && f.Standard != null)),
                Admission = db.AdmissionPhotos.Any(a => a.RecordId == r.Id),
                Identity = r.IdNumber != "" || r.Name != "" || r.Gender != "" || r.BirthDate != null || r.CodeHash != null,
                Phone = r.Phone != "",
            })
            .Where(r => !r.Busy && (r.Source || r.Standard || r.Admission || r.Identity || r.Phone))
            .ToListAsync(cancellationToken);
        if (held.Count == 0)
        {
            return RetentionCounts.None;
        }

        var afterWindow = (int? days) => RetentionPeriods.AfterWindow(campaign, days) <= now;
        var source = held.Where(r => r.Source && RetentionPeriods.AfterDelivery(campaign, r.DeliveredAt, campaign.SourcePhotoRetentionDays) <= now).Select(r => r.Id).ToList();
        var admission = held.Where(r => r.Admission && RetentionPeriods.AfterDelivery(campaign, r.DeliveredAt, campaign.AdmissionPhotoRetentionDays) <= now).Select(r => r.Id).ToList();
        var standard = afterWindow(campaign.StandardPhotoRetentionDays) ? held.Where(r => r.Standard).Select(r => r.Id).ToList() : [];
        var identity = afterWindow(campaign.IdNumberRetentionDays) ? held.Where(r => r.Identity).Select(r => r.Id).ToList() : [];
        var phone = afterWindow(campaign.PhoneRetentionDays) ? held.Where(r => r.Phone).Select(r => r.Id).ToList() : [];

        var (sources, standards) = await PersonalFields.DeletePhotoFilesAsync(db, uploads, source, standard, cancellationToken);
        var admissions = await PersonalFields.DeleteAdmissionPhotosAsync(db, admission, cancellationToken);
        var identities = await PersonalFields.BlankIdentityAsync(db, identity, cancellationToken);
        var phones = await PersonalFields.BlankPhoneAsync(db, phone, cancellationToken);
        // What the students' order lists and pages show of the records, and the photos their account pages count.
        var touched = source.Concat(standard).Concat(admission).Concat(identity).Concat(phone).ToHashSet();
        await orders.ChangedAsync(held.Where(r => touched.Contains(r.Id)).Select(r => r.AccountId));
        return new RetentionCounts(sources, standards, admissions, identities, phones);
    }
}
