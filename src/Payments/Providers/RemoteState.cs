
namespace Photocollect.Payments;

/// <summary>A payment's state at the provider.</summary>
public enum RemoteState
{
    /// <summary>Created, not paid.</summary>
    Pending,

    /// <summary>Paid.</summary>
    Succeeded,

    /// <summary>Closed or expired unpaid.</summary>
    Closed,

    /// <summary>Failed.</summary>
    Failed,

    /// <summary>The provider does not know it.</summary>
    NotFound,
}
