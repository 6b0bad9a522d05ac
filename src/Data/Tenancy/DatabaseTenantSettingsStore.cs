using Microsoft.EntityFrameworkCore;
using Photocollect.Tenancy.Settings;
using Photocollect.Data;

namespace Photocollect.Data.Tenancy;

/// <summary>Settings sections stored in the <c>TenantSettings</c> table, read through the <see cref="SchoolDirectory"/>.</summary>
public sealed class DatabaseTenantSettingsStore(AppDbContext db, SchoolDirectory directory) : ITenantSettingsStore
{
    /// <inheritdoc />
    public Task<string?> LoadAsync(Guid tenantId, string section, CancellationToken cancellationToken) =>
        directory.SectionAsync(tenantId, section, ct => db.TenantSettings.AsNoTracking()
            .Where(r => r.TenantId == tenantId && r.Section == section)
            .Select(r => r.Json)
            .FirstOrDefaultAsync(ct), cancellationToken);

    /// <inheritdoc />
    public async Task SaveAsync(Guid tenantId, string section, string json, CancellationToken cancellationToken)
    {
        var row = await db.TenantSettings.FirstOrDefaultAsync(r => r.TenantId == tenantId && r.Section == section, cancellationToken);
        if (row is null)
        {
            db.TenantSettings.Add(new TenantSettingsRow { TenantId = tenantId, Section = section, Json = json, UpdatedAt = DateTimeOffset.UtcNow });
        }
        else
        {
            row.Json = json;
            row.UpdatedAt = DateTimeOffset.UtcNow;
        }

        await db.SaveChangesAsync(cancellationToken);
        directory.ForgetSection(tenantId, section);
    }
}
