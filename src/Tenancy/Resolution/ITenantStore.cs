namespace Photocollect.Tenancy.Resolution;

/// <summary>Finds schools for resolution. Implemented over the database by the web app.</summary>
public interface ITenantStore
{
    /// <summary>The school with this slug, or null.</summary>
    Task<School?> FindBySlugAsync(string slug, CancellationToken cancellationToken);

    /// <summary>The school that owns this custom host name (normalised), or null.</summary>
    Task<School?> FindByHostAsync(string host, CancellationToken cancellationToken);
}
