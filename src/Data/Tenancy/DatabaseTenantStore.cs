using Microsoft.EntityFrameworkCore;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Resolution;
using Photocollect.Data;

namespace Photocollect.Data.Tenancy;

/// <summary>Schools looked up in the database for request resolution.</summary>
public sealed class DatabaseTenantStore(AppDbContext db) : ITenantStore
{
    /// <inheritdoc />
    public Task<School?> FindBySlugAsync(string slug, CancellationToken cancellationToken) =>
        db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);

    /// <inheritdoc />
    public Task<School?> FindByHostAsync(string host, CancellationToken cancellationToken) =>
        db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.HostNames.Contains(host), cancellationToken);
}
