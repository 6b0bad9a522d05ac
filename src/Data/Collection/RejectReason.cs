using Photocollect.Tenancy.Data;
using Photocollect.Data;

namespace Photocollect.Data;

/// <summary>A reason a reviewer can give, with the fix shown to the student (maintained per school).</summary>
public sealed class RejectReason : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>Stable code, e.g. <c>extra_content</c>.</summary>
    public required string Code { get; set; }

    /// <summary>The reason, e.g. 图像额外内容（手、水印等）.</summary>
    public required string Title { get; set; }

    /// <summary>What the student should do.</summary>
    public required string Fix { get; set; }

    /// <summary>Order in the reviewer's list.</summary>
    public int Position { get; set; }

    /// <summary>Hidden from new rejections (kept for old ones).</summary>
    public bool Retired { get; set; }
}
