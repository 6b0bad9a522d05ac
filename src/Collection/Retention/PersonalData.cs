using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Photocollect.Accounts;
using Photocollect.Data;
using Photocollect.Grains;
using Photocollect.Tenancy;

namespace Photocollect.Collection.Retention;

/// <summary>
/// A student's rights over their data at the school (PIPL arts. 45 and 47): what is held about them
/// (<see cref="HeldPersonalData"/>), and its erasure with their account. Erasure is refused while an order is in
/// progress (<see cref="PersonalFields.InProgress"/>): the order still needs the photo and the record. Done, it deletes
/// their photo files and admission photos, blanks their records as the purge does and also their phone and student
/// number (the record can no longer be tied to them), forgets their collection steps, and closes the account: its
/// sign-in name and phone are replaced, its sessions end and it is locked, so the same phone signs in later as a new
/// account. Orders, payments and refunds stay for the accounts (decision 011).
/// </summary>
public sealed class PersonalData(AppDbContext db, TenantContext tenant, IGrainFactory grains, UserManager<AppUser> users, SessionStamps sessions,
    AuditTrail audit, IAuditActor actor, UploadStore uploads, StudentOrders orderLists)
{
    /// <summary>The account's orders in progress, which stop an erasure.</summary>
    public async Task<IReadOnlyList<HeldOrder>> InProgressAsync(Guid accountId, CancellationToken cancellationToken = default) =>
        [.. (await PersonalFields.InProgress(db).AsNoTracking().Where(o => o.AccountId == accountId).OrderByDescending(o => o.CreatedAt)
            .ToListAsync(cancellationToken)).Select(HeldPersonalData.View)];

    /// <summary>Erases the account's data and closes the account, unless an order is in progress.</summary>
    public async Task<ErasureResult> EraseAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        var school = tenant.RequiredSchool;
        var user = await users.FindByIdAsync(accountId.ToString()) ?? throw new InvalidOperationException("No such account at this school.");
        var busy = await InProgressAsync(accountId, cancellationToken);
        if (busy.Count > 0)
        {
            return new ErasureResult(busy, null);
        }

        var records = await db.StudentRecords.Where(r => r.AccountId == accountId).Select(r => r.Id).ToListAsync(cancellationToken);
        var (sources, standards) = await PersonalFields.DeletePhotoFilesAsync(db, uploads, records, records, cancellationToken);
        var admissions = await PersonalFields.DeleteAdmissionPhotosAsync(db, records, cancellationToken);
        var identities = await PersonalFields.BlankIdentityAsync(db, records, cancellationToken);
        var phones = await PersonalFields.BlankPhoneAsync(db, records, cancellationToken);
        foreach (var record in records)
        {
            // The student number names the person at the school: a token of the record takes its place (unique in the
            // campaign, as the index wants), so the student may also collect again with a new account.
            await db.StudentRecords.Where(r => r.Id == record).ExecuteUpdateAsync(s => s.SetProperty(r => r.StudentNumber, record.ToString("N"))
                .SetProperty(r => r.AdmissionDate, (DateOnly?)null).SetProperty(r => r.LeavingDate, (DateOnly?)null), cancellationToken);
        }

        await orderLists.ChangedAsync([accountId]);  // what the order list shows of the records is blank now

        // The collection steps: a code read but never verified holds the registry's record (name, ID number).
        foreach (var campaign in await db.Campaigns.AsNoTracking().Select(c => c.Id).ToListAsync(cancellationToken))
        {
            await grains.Student(school.Id, accountId, campaign).ForgetAsync(cancellationToken);
        }

        if (user.PhoneNumber is { Length: > 0 } phone)
        {
            await db.SmsCodes.Where(c => c.Phone == phone).ExecuteDeleteAsync(cancellationToken);
            await db.SmsOutbox.Where(m => m.Phone == phone).ExecuteDeleteAsync(cancellationToken);
        }

        user.UserName = $"erased-{accountId:N}";
        user.PhoneNumber = null;
        user.PhoneNumberConfirmed = false;
        user.Email = null;
        user.DisplayName = null;
        user.LockoutEnabled = true;
        user.LockoutEnd = DateTimeOffset.MaxValue;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            throw new InvalidOperationException("The account could not be closed: " + string.Join("; ", updated.Errors.Select(e => e.Code)));
        }

        await sessions.EndAllAsync(users, user);
        await orderLists.ChangedAsync([accountId]);  // and the account page's view shows the account as closed now
        var removed = new RetentionCounts(sources, standards, admissions, identities, phones);
        // Recorded without the phone the student signed in with: the trail is append-only and must not keep what was erased.
        await audit.RecordAsAsync(accountId, "student", Roles.Student, actor.Current.Address, AuditActions.PersonalDataErased, $"account {accountId:N}",
            new { records = records.Count, removed }, cancellationToken);
        return new ErasureResult([], removed);
    }
}
