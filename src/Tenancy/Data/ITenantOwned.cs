namespace Photocollect.Tenancy.Data;

/// <summary>A row that belongs to exactly one school.</summary>
public interface ITenantOwned
{
    /// <summary>The owning school's id; set on save from the current scope when left empty.</summary>
    Guid TenantId { get; set; }
}
