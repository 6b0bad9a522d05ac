using Photocollect.Tenancy.Data;
using Photocollect.Data;

namespace Photocollect.Data;

/// <summary>A grain's state stored as JSON (student grains), versioned by xmin.</summary>
public sealed class GrainStateRow : ITenantOwned
{
    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>Grain type, e.g. <c>student</c>.</summary>
    public required string GrainType { get; set; }

    /// <summary>The id part of the grain key.</summary>
    public required string GrainId { get; set; }

    /// <summary>The state.</summary>
    public required string Json { get; set; }

    /// <summary>PostgreSQL's row version (xmin).</summary>
    public uint Version { get; set; }
}
