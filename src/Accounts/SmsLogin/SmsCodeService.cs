using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Data;
using Photocollect.Data;
using Photocollect.Sms;

namespace Photocollect.Accounts.SmsLogin;

/// <summary>
/// Issues and checks six-digit SMS login codes for the current school. Limits (per phone: one a minute, ten a day;
/// per code: five wrong entries; per client address: a campus-sized burst guard) are counted in the database (so they
/// hold across instances) under a per-phone advisory lock; a code is marked used by a conditional update, so two
/// concurrent logins with one code cannot both succeed.
/// </summary>
public sealed class SmsCodeService(
    AppDbContext db,
    TenantContext tenant,
    ISmsSender sms,
    SmsCodeOptions options,
    TimeProvider clock,
    IStringLocalizer localizer,
    ILogger<SmsCodeService> logger)
{
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>Sends a new code to <paramref name="phoneInput"/> if every limit allows.</summary>
    public async Task<SendCodeResult> SendAsync(string? phoneInput, string clientIp, CancellationToken cancellationToken)
    {
        var phone = PhoneNumber.Normalise(phoneInput);
        if (phone is null)
        {
            return new(SendCodeStatus.InvalidPhone);
        }

        var school = tenant.RequiredSchool;
        var now = clock.GetUtcNow();
        var chinaDayStart = StartOfChinaDay(now);

        // Replayed whole after a database blip; an SMS already sent by a failed attempt is then sent again.
        return await db.InTransactionAsync<SendCodeResult>(async (transaction, ct) =>
        {
            var lockKey = $"sms:{school.Id:N}:{phone}";
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({lockKey}, 0))", ct);

            var last = await db.SmsCodes.Where(c => c.Phone == phone).MaxAsync(c => (DateTimeOffset?)c.CreatedAt, ct);
            if (last is { } sentAt && now - sentAt < options.ResendInterval)
            {
                return new(SendCodeStatus.TooSoon, options.ResendInterval - (now - sentAt));
            }

            if (await db.SmsCodes.CountAsync(c => c.Phone == phone && c.CreatedAt >= chinaDayStart, ct) >= options.PerPhonePerDay)
            {
                return new(SendCodeStatus.PhoneDailyLimit);
            }

            // The address limits are a burst guard sized for a campus behind one NAT, across every school: one
            // script should not be able to spread across tenants.
            var byAddress = db.SmsCodes.IgnoreQueryFilters([TenantModelBuilderExtensions.FilterName]).Where(c => c.RequestIp == clientIp);
            if (await byAddress.CountAsync(c => c.CreatedAt >= now.AddMinutes(-1), ct) >= options.PerAddressPerMinute
                || await byAddress.CountAsync(c => c.CreatedAt >= now.AddHours(-1), ct) >= options.PerAddressPerHour)
            {
                logger.LogWarning("SMS code limit reached for address {ClientIp}", clientIp);
                return new(SendCodeStatus.IpLimit);
            }

            var id = Guid.CreateVersion7();
            var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
            db.SmsCodes.Add(new SmsCode
            {
                Id = id,
                Phone = phone,
                CodeHash = Hash(id, code),
                RequestIp = clientIp,
                CreatedAt = now,
                ExpiresAt = now + options.Lifetime,
            });
            await db.SaveChangesAsync(ct);

            var minutes = ((int)options.Lifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture);
            var text = SmsTexts.Of(localizer, "Sms.LoginCode", school.Branding.ShortName ?? school.DisplayName, code, minutes);

            try
            {
                await sms.SendAsync(new SmsMessage(phone, SmsTemplate.LoginCode, [code, minutes], text), ct);
            }
            catch (SmsSendException e)
            {
                // Rolled back with the transaction: an unsent code neither works nor counts against the limits.
                logger.LogError(e, "SMS login code to {Phone} failed", PhoneNumber.Mask(phone));
                return new(SendCodeStatus.SendFailed);
            }

            await transaction.CommitAsync(ct);
            logger.LogInformation("SMS login code sent to {Phone}", PhoneNumber.Mask(phone));
            return new(SendCodeStatus.Sent);
        }, cancellationToken);
    }

    /// <summary>Checks <paramref name="codeInput"/> against the newest code sent to the phone, and uses it up when right.</summary>
    public async Task<VerifyCodeResult> VerifyAsync(string? phoneInput, string? codeInput, CancellationToken cancellationToken)
    {
        var phone = PhoneNumber.Normalise(phoneInput);
        if (phone is null)
        {
            return new(VerifyCodeStatus.InvalidPhone);
        }

        var code = codeInput?.Trim();
        if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
        {
            return new(VerifyCodeStatus.Malformed, phone);
        }

        var now = clock.GetUtcNow();
        var latest = await db.SmsCodes.AsNoTracking()
            .Where(c => c.Phone == phone)
            .OrderByDescending(c => c.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null || latest.ConsumedAt is not null || latest.ExpiresAt <= now)
        {
            return new(VerifyCodeStatus.NoActiveCode, phone);
        }

        if (latest.FailedAttempts >= options.MaxFailedAttempts)
        {
            return new(VerifyCodeStatus.Locked, phone);
        }

        var max = options.MaxFailedAttempts;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(latest.CodeHash), Encoding.ASCII.GetBytes(Hash(latest.Id, code))))
        {
            await db.SmsCodes.Where(c => c.Id == latest.Id && c.FailedAttempts < max)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.FailedAttempts, c => c.FailedAttempts + 1), cancellationToken);
            var failed = await db.SmsCodes.Where(c => c.Id == latest.Id).Select(c => c.FailedAttempts).FirstAsync(cancellationToken);
            return failed >= max
                ? new(VerifyCodeStatus.Locked, phone)
                : new(VerifyCodeStatus.Wrong, phone, max - failed);
        }

        var used = await db.SmsCodes
            .Where(c => c.Id == latest.Id && c.ConsumedAt == null && c.FailedAttempts < max && c.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ConsumedAt, now), cancellationToken);
        return used == 1 ? new(VerifyCodeStatus.Verified, phone) : new(VerifyCodeStatus.NoActiveCode, phone);
    }

    private static DateTimeOffset StartOfChinaDay(DateTimeOffset now)
    {
        var china = now.ToOffset(ChinaOffset);
        return new DateTimeOffset(china.Date, ChinaOffset).ToUniversalTime();
    }

    private static string Hash(Guid id, string code) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(id.ToByteArray(), Encoding.ASCII.GetBytes(code)));
}
