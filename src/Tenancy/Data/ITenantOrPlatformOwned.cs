namespace Photocollect.Tenancy.Data;

/// <summary>A row that belongs to one school or, with a null tenant, to the platform (e.g. user accounts).</summary>
public interface ITenantOrPlatformOwned
{
    /// <summary>The owning school's id, or null for a platform row.</summary>
    Guid? TenantId { get; set; }
}
