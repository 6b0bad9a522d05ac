using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Photocollect.Data;
using Photocollect.Sms;
using Photocollect.Tenancy;

namespace Photocollect.Accounts.Invites;

/// <summary>
/// One-time links that set up a staff account of a school: made by the operator (the school's first admin), shown
/// to the operator once and sent by SMS through the school's provider, valid for <see cref="Lifetime"/>, used once.
/// Only the token's SHA-256 is stored. A new invite for the same e-mail replaces the open ones. Accepting takes the
/// invite's row lock, so two tabs submitting the same link make one account.
/// </summary>
public sealed class StaffInvites(
    AppDbContext db,
    TenantContext tenant,
    UserManager<AppUser> users,
    ISmsSender sms,
    IStringLocalizer localizer,
    TimeProvider clock,
    ILogger<StaffInvites> logger)
{
    /// <summary>How long a link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);

    private const string TokenPrefix = "inv_";

    /// <summary>Makes an invite in the current school and sends it by SMS when a phone is given.</summary>
    /// <param name="email">The e-mail the account will sign in with (checked by the caller).</param>
    /// <param name="phone">A mainland mobile number to send the link to, or null.</param>
    /// <param name="role">A staff role.</param>
    /// <param name="createdBy">Who makes it.</param>
    /// <param name="link">Makes the link from the token (the caller knows the school's address).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<IssuedInvite> IssueAsync(string email, string? phone, string role, string createdBy, Func<string, string> link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (!Roles.Staff.Contains(role))
        {
            throw new ArgumentException($"{role} is not a staff role.", nameof(role));
        }

        var school = tenant.RequiredSchool;
        var now = clock.GetUtcNow();
        var token = TokenPrefix + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var invite = new StaffInvite
        {
            Id = Guid.CreateVersion7(),
            TenantId = school.Id,
            Email = email,
            Phone = phone,
            Role = role,
            TokenHash = Hash(token),
            CreatedBy = createdBy,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
        };
        await db.StaffInvites.Where(i => i.Email == email && i.UsedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.RevokedAt, now), cancellationToken);
        db.StaffInvites.Add(invite);
        await db.SaveChangesAsync(cancellationToken);

        var sent = false;
        if (phone is not null)
        {
            var url = link(token);
            try
            {
                var text = SmsTexts.Of(localizer, "Sms.StaffInvite", school.DisplayName, url, Lifetime.TotalHours);
                await sms.SendAsync(new SmsMessage(phone, SmsTemplate.StaffInvite, [school.DisplayName, url], text), cancellationToken);
                sent = true;
            }
            catch (SmsSendException e)
            {
                // The operator still has the link on screen and can pass it on another way.
                logger.LogWarning(e, "Invite SMS for {School} not sent", school.Slug);
            }
        }

        return new IssuedInvite(invite, token, sent);
    }

    /// <summary>What the link can do now, and the invite it names (null when unknown).</summary>
    public async Task<(InviteState State, StaffInvite? Invite)> InspectAsync(string? token, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(token))
        {
            return (InviteState.Unknown, null);
        }

        var hash = Hash(token!);
        var invite = await db.StaffInvites.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        return (StateOf(invite), invite);
    }

    /// <summary>
    /// Sets up the account: the password is checked first (nothing is written when it fails), then the invite is
    /// claimed under its row lock and the account made in the same transaction.
    /// </summary>
    public async Task<InviteAcceptance> AcceptAsync(string? token, string? displayName, string? password, CancellationToken cancellationToken)
    {
        var (state, invite) = await InspectAsync(token, cancellationToken);
        if (state != InviteState.Open || invite is null)
        {
            return new InviteAcceptance(state, [], null);
        }

        var errors = new List<string>();
        var name = displayName?.Trim() ?? string.Empty;
        if (name.Length is < 1 or > 50)
        {
            errors.Add("Invite.Error.Name");
        }

        var candidate = new AppUser { Id = Guid.CreateVersion7(), TenantId = invite.TenantId, UserName = invite.Email, Email = invite.Email, EmailConfirmed = true, DisplayName = name, CreatedAt = clock.GetUtcNow() };
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, candidate, password ?? string.Empty);
            errors.AddRange(checkedPassword.Errors.Select(e => "Identity." + e.Code));
        }

        if (errors.Count > 0)
        {
            return new InviteAcceptance(InviteState.Open, errors.Distinct().ToList(), null);
        }

        var hash = invite.TokenHash;
        return await db.InTransactionAsync(async (transaction, ct) =>
        {
            var now = clock.GetUtcNow();
            var claimed = await db.Database.ExecuteSqlAsync($"""
                UPDATE "StaffInvites" SET "UsedAt" = {now}, "AccountId" = {candidate.Id}
                WHERE "TenantId" = {invite.TenantId} AND "TokenHash" = {hash} AND "UsedAt" IS NULL AND "RevokedAt" IS NULL AND "ExpiresAt" > {now}
                """, ct);
            if (claimed == 0)
            {
                // Another tab won, or the link ran out between the look and the claim.
                var again = await db.StaffInvites.AsNoTracking().SingleAsync(i => i.Id == invite.Id, ct);
                return new InviteAcceptance(StateOf(again), [], null);
            }

            if (await users.FindByNameAsync(invite.Email) is not null)
            {
                return new InviteAcceptance(InviteState.Open, ["Invite.Error.EmailTaken"], null);
            }

            var created = await users.CreateAsync(candidate, password!);
            if (!created.Succeeded)
            {
                return new InviteAcceptance(InviteState.Open, created.Errors.Select(e => "Identity." + e.Code).ToList(), null);
            }

            var role = await users.AddToRoleAsync(candidate, invite.Role);
            if (!role.Succeeded)
            {
                throw new InvalidOperationException($"Role {invite.Role}: {string.Join("; ", role.Errors.Select(e => e.Description))}");
            }

            await transaction.CommitAsync(ct);
            logger.LogInformation("Staff account {Email} set up through an invite as {Role}", invite.Email, invite.Role);
            return new InviteAcceptance(InviteState.Open, [], invite.Email);
        }, cancellationToken);
    }

    /// <summary>The invites of the current school, newest first.</summary>
    public Task<List<StaffInvite>> ListAsync(CancellationToken cancellationToken) =>
        db.StaffInvites.AsNoTracking().OrderByDescending(i => i.CreatedAt).ToListAsync(cancellationToken);

    private InviteState StateOf(StaffInvite? invite) => invite switch
    {
        null => InviteState.Unknown,
        { UsedAt: not null } => InviteState.Used,
        { RevokedAt: not null } => InviteState.Revoked,
        _ when invite.ExpiresAt <= clock.GetUtcNow() => InviteState.Expired,
        _ => InviteState.Open,
    };

    private static bool IsWellFormed(string? token) =>
        token is { Length: > 4 and < 100 } && token.StartsWith(TokenPrefix, StringComparison.Ordinal) && token[TokenPrefix.Length..].All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
