using Microsoft.EntityFrameworkCore;
using Photocollect.Tenancy;
using Photocollect.Tenancy.Resolution;
using Photocollect.Data;

namespace Photocollect.Data.Tenancy;

/// <summary>Schools looked up in the database for request resolution, through the <see cref="SchoolDirectory"/>.</summary>
public sealed class DatabaseTenantStore(AppDbContext db, SchoolDirectory directory) : ITenantStore
{
    /// <inheritdoc />
    public Task<School?> FindBySlugAsync(string slug, CancellationToken cancellationToken) =>
        directory.SchoolAsync("slug:" + slug, ct => db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, ct), cancellationToken);

    /// <inheritdoc />
    public Task<School?> FindByHostAsync(string host, CancellationToken cancellationToken) =>
        directory.SchoolAsync("host:" + host, ct => db.Schools.AsNoTracking().FirstOrDefaultAsync(s => s.HostNames.Contains(host), ct), cancellationToken);
}
