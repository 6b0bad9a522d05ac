using Microsoft.EntityFrameworkCore;
using Photocollect.Tenancy.Settings;

namespace Photocollect.Data.Tenancy;

/// <summary>The platform's settings sections in the <c>PlatformSettings</c> table.</summary>
public sealed class DatabasePlatformSettingsStore(AppDbContext db, TimeProvider clock) : IPlatformSettingsStore
{
    /// <inheritdoc />
    public async Task<string?> LoadAsync(string section, CancellationToken cancellationToken) =>
        await db.PlatformSettings.AsNoTracking().Where(r => r.Section == section).Select(r => r.Json).FirstOrDefaultAsync(cancellationToken);

    /// <inheritdoc />
    public async Task SaveAsync(string section, string json, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "PlatformSettings" ("Section", "Json", "UpdatedAt") VALUES ({section}, {json}::jsonb, {clock.GetUtcNow()})
            ON CONFLICT ("Section") DO UPDATE SET "Json" = excluded."Json", "UpdatedAt" = excluded."UpdatedAt"
            """, cancellationToken);
}
