using Microsoft.AspNetCore.Identity;
using Photocollect.Tenancy;
using Photocollect.Data;

namespace Photocollect.Accounts;

/// <summary>Finds or creates the student account of a verified phone in the current school.</summary>
public sealed class StudentAccounts(AppDbContext db, UserManager<AppUser> users, TenantContext tenant, TimeProvider clock)
{
    /// <summary>
    /// The account for <paramref name="phone"/> (already verified), created with the Student role on first login;
    /// the accepted agreement version and time are recorded. All in one transaction (replayed whole after a
    /// database blip): no half-created account.
    /// </summary>
    public async Task<AppUser> FindOrCreateAsync(string phone, CancellationToken cancellationToken)
    {
        var school = tenant.RequiredSchool;
        var now = clock.GetUtcNow();
        return await db.InTransactionAsync(async (transaction, ct) =>
        {
            var user = await users.FindByNameAsync(phone);
            if (user is null)
            {
                user = new AppUser
                {
                    Id = Guid.CreateVersion7(),
                    TenantId = school.Id,
                    UserName = phone,
                    PhoneNumber = phone,
                    PhoneNumberConfirmed = true,
                    CreatedAt = now,
                    AgreementVersion = ServiceAgreement.Version,
                    AgreementAcceptedAt = now,
                };
                Check(await users.CreateAsync(user));
                Check(await users.AddToRoleAsync(user, Roles.Student));
            }
            else if (user.AgreementVersion != ServiceAgreement.Version)
            {
                user.AgreementVersion = ServiceAgreement.Version;
                user.AgreementAcceptedAt = now;
                Check(await users.UpdateAsync(user));
            }

            await transaction.CommitAsync(ct);
            return user;
        }, cancellationToken);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Student account: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
