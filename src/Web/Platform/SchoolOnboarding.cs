using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Photocollect.Accounts;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Data.Tenancy;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Resolution;
using Photocollect.Tenancy.Settings;

namespace Photocollect.Web.Platform;

/// <summary>
/// The operator's side of a school's life: checks a <see cref="SchoolForm"/> (every field named with what is wrong,
/// nothing written), creates the school with its support contact, branding, logo and the default rejection reasons
/// in one transaction, and changes an existing school's name, hosts, branding, logo and contact. Runs in the
/// platform scope; the school's own rows are written inside its scope.
/// </summary>
public sealed partial class SchoolOnboarding(AppDbContext db, TenantContext tenant, ITenantSettings settings, TenantResolutionOptions resolution, TimeProvider clock,
    SchoolDirectory schools)
{
    /// <summary>The problems of a form as field → resource key; empty when it can be saved.</summary>
    /// <param name="form">The form.</param>
    /// <param name="existing">The school being changed, or null when onboarding (slug, code and admin are then checked).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task<Dictionary<string, string>> ProblemsAsync(SchoolForm form, School? existing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var problems = new Dictionary<string, string>();
        if (existing is null)
        {
            var slug = form.Slug?.Trim().ToLowerInvariant();
            if (!Slug.IsValid(slug) || resolution.ReservedLabels.Contains(slug!, StringComparer.OrdinalIgnoreCase))
            {
                problems[nameof(form.Slug)] = "Onboard.Error.Slug";
            }
            else if (await db.Schools.AnyAsync(s => s.Slug == slug, cancellationToken))
            {
                problems[nameof(form.Slug)] = "Onboard.Error.SlugTaken";
            }

            var code = form.SchoolCode?.Trim();
            if (code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
            {
                problems[nameof(form.SchoolCode)] = "Onboard.Error.Code";
            }
            else if (await db.Schools.AnyAsync(s => s.SchoolCode == code, cancellationToken))
            {
                problems[nameof(form.SchoolCode)] = "Onboard.Error.CodeTaken";
            }

            if (!IsEmail(form.AdminEmail))
            {
                problems[nameof(form.AdminEmail)] = "Onboard.Error.Email";
            }

            if (!string.IsNullOrWhiteSpace(form.AdminPhone) && PhoneNumber.Normalise(form.AdminPhone) is null)
            {
                problems[nameof(form.AdminPhone)] = "Onboard.Error.Phone";
            }
        }

        if (form.DisplayName?.Trim() is not { Length: >= 2 and <= 100 })
        {
            problems[nameof(form.DisplayName)] = "Onboard.Error.Name";
        }

        if (form.ShortName?.Trim() is { Length: > 40 })
        {
            problems[nameof(form.ShortName)] = "Onboard.Error.ShortName";
        }

        if (!Color().IsMatch(form.PrimaryColor?.Trim() ?? string.Empty))
        {
            problems[nameof(form.PrimaryColor)] = "Onboard.Error.Color";
        }

        if (form.SupportPhone?.Trim() is { Length: > 0 } support && !SupportPhone().IsMatch(support))
        {
            problems[nameof(form.SupportPhone)] = "Onboard.Error.SupportPhone";
        }

        if (form.SupportHours?.Trim() is { Length: > 60 })
        {
            problems[nameof(form.SupportHours)] = "Onboard.Error.SupportHours";
        }

        if (form.SupportHoursEnglish?.Trim() is { Length: > 60 })
        {
            problems[nameof(form.SupportHoursEnglish)] = "Onboard.Error.SupportHours";
        }

        if (!Enum.IsDefined(form.CaptureMode))
        {
            problems[nameof(form.CaptureMode)] = "Onboard.Error.CaptureMode";
        }

        var hosts = Hosts(form.HostNames);
        if (hosts is null)
        {
            problems[nameof(form.HostNames)] = "Onboard.Error.Hosts";
        }
        else if (hosts.Count > 0)
        {
            var id = existing?.Id ?? Guid.Empty;
            var taken = await db.Schools.AsNoTracking().Where(s => s.Id != id && s.HostNames.Any(h => hosts.Contains(h))).Select(s => s.DisplayName).FirstOrDefaultAsync(cancellationToken);
            if (taken is not null)
            {
                problems[nameof(form.HostNames)] = "Onboard.Error.HostsTaken";
            }
        }

        return problems;
    }

    /// <summary>Creates the school (the form was checked); a slug or code taken meanwhile returns null.</summary>
    public async Task<School?> CreateAsync(SchoolForm form, (string ContentType, byte[] Bytes)? logo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var now = clock.GetUtcNow();
        var school = new School
        {
            Id = Guid.CreateVersion7(),
            Slug = form.Slug!.Trim().ToLowerInvariant(),
            DisplayName = form.DisplayName!.Trim(),
            SchoolCode = form.SchoolCode!.Trim(),
            HostNames = Hosts(form.HostNames) ?? [],
            Branding = new SchoolBranding { ShortName = Blank(form.ShortName), PrimaryColor = form.PrimaryColor!.Trim().ToLowerInvariant() },
            CreatedAt = now,
        };
        try
        {
            await db.InTransactionAsync(async (transaction, ct) =>
            {
                db.Schools.Add(school);
                await db.SaveChangesAsync(ct);
                using (tenant.EnterTenant(school))
                {
                    await SaveProfileAsync(form, ct);
                    db.RejectReasons.AddRange(DefaultRejectReasons.For(school.Id));
                    await db.SaveChangesAsync(ct);
                    if (logo is { } file)
                    {
                        await SaveLogoAsync(school, file, ct);
                    }
                }

                await transaction.CommitAsync(ct);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return null;
        }

        schools.Forget();
        return await db.Schools.AsNoTracking().SingleAsync(s => s.Id == school.Id, cancellationToken);
    }

    /// <summary>Changes an existing school's name, hosts, branding, contact and (when given) logo.</summary>
    public async Task UpdateAsync(School school, SchoolForm form, (string ContentType, byte[] Bytes)? logo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(school);
        ArgumentNullException.ThrowIfNull(form);
        var hosts = Hosts(form.HostNames) ?? [];
        var name = form.DisplayName!.Trim();
        var shortName = Blank(form.ShortName);
        var color = form.PrimaryColor!.Trim().ToLowerInvariant();
        await db.Schools.Where(s => s.Id == school.Id).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.DisplayName, name)
            .SetProperty(x => x.HostNames, hosts)
            .SetProperty(x => x.Branding.ShortName, shortName)
            .SetProperty(x => x.Branding.PrimaryColor, color), cancellationToken);
        schools.Forget();
        using (tenant.EnterTenant(school))
        {
            await SaveProfileAsync(form, cancellationToken);
            if (logo is { } file)
            {
                await SaveLogoAsync(school, file, cancellationToken);
            }
        }
    }

    /// <summary>The form filled from a school as it is.</summary>
    public async Task<SchoolForm> FormOfAsync(School school, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(school);
        using (tenant.EnterTenant(school))
        {
            var profile = await settings.GetAsync<SchoolProfileSettings>(cancellationToken);
            return new SchoolForm
            {
                Slug = school.Slug,
                DisplayName = school.DisplayName,
                ShortName = school.Branding.ShortName,
                SchoolCode = school.SchoolCode,
                HostNames = string.Join('\n', school.HostNames),
                PrimaryColor = school.Branding.PrimaryColor,
                SupportPhone = profile.SupportPhone,
                SupportHours = profile.SupportHours,
                SupportHoursEnglish = profile.SupportHoursEnglish,
                CaptureMode = profile.CaptureMode,
            };
        }
    }

    /// <summary>Host names from the form's text, lower case, without duplicates; null when one is not a host name.</summary>
    public List<string>? Hosts(string? text)
    {
        var hosts = (text ?? string.Empty).Split([',', ' ', '\n', '\r', '\t', '，'], StringSplitOptions.RemoveEmptyEntries)
            .Select(h => h.Trim().TrimEnd('.').ToLowerInvariant()).Distinct().ToList();
        // The platform's domain and its one-label sub-domains ({slug}.{domain}) are resolved by slug, never as a school's own host.
        var underBase = hosts.Any(h => resolution.BaseDomains.Any(d => h.Equals(d, StringComparison.OrdinalIgnoreCase)
            || (h.EndsWith("." + d, StringComparison.OrdinalIgnoreCase) && !h[..^(d.Length + 1)].Contains('.', StringComparison.Ordinal))));
        return hosts.Count > 10 || underBase || hosts.Any(h => h.Length > 253 || !Host().IsMatch(h)) ? null : hosts;
    }

    private async Task SaveProfileAsync(SchoolForm form, CancellationToken cancellationToken)
    {
        var profile = await settings.GetAsync<SchoolProfileSettings>(cancellationToken);
        profile.CaptureMode = form.CaptureMode;
        profile.SupportPhone = Blank(form.SupportPhone);
        profile.SupportHours = Blank(form.SupportHours);
        profile.SupportHoursEnglish = Blank(form.SupportHoursEnglish);
        await settings.SaveAsync(profile, cancellationToken);
    }

    // The logo row, and the school's logo URL pointing at /logo with its time as the version (a new logo is a new URL,
    // so browsers never show the old one from their cache).
    private async Task SaveLogoAsync(School school, (string ContentType, byte[] Bytes) logo, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "SchoolLogos" ("TenantId", "ContentType", "Bytes", "UpdatedAt") VALUES ({school.Id}, {logo.ContentType}, {logo.Bytes}, {now})
            ON CONFLICT ("TenantId") DO UPDATE SET "ContentType" = excluded."ContentType", "Bytes" = excluded."Bytes", "UpdatedAt" = excluded."UpdatedAt"
            """, cancellationToken);
        var url = $"/logo?v={now.ToUnixTimeMilliseconds()}";
        await db.Schools.Where(s => s.Id == school.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Branding.LogoUrl, url), cancellationToken);
        schools.Forget();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsEmail(string? value) =>
        value?.Trim() is { Length: > 3 and <= 256 } email && MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Color();

    [GeneratedRegex(@"^[0-9+\-() ]{5,20}$")]
    private static partial Regex SupportPhone();

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$")]
    private static partial Regex Host();
}
