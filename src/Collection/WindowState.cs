using Microsoft.EntityFrameworkCore;

namespace Photocollect.Collection;

/// <summary>Where a campaign's window stands.</summary>
public enum WindowState
{
    /// <summary>Not open yet.</summary>
    NotStarted,

    /// <summary>Open.</summary>
    Open,

    /// <summary>Closed.</summary>
    Ended,
}
