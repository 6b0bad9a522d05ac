using Photocollect.Data;

namespace Photocollect.Data;

/// <summary>A refund's state.</summary>
public enum RefundState
{
    /// <summary>Recorded, not yet sent or answered.</summary>
    Pending,

    /// <summary>Accepted by the provider, not yet final.</summary>
    Processing,

    /// <summary>Money returned.</summary>
    Succeeded,

    /// <summary>Refused or failed for good; the amount may be refunded again.</summary>
    Failed,
}
