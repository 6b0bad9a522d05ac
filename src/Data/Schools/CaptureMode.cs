
namespace Photocollect.Data;

/// <summary>How a school collects photos. Campaign rules in detail come with campaigns.</summary>
public enum CaptureMode
{
    /// <summary>Students shoot on their phones.</summary>
    Online = 0,

    /// <summary>A photographer shoots on campus.</summary>
    Offline = 1,

    /// <summary>Both.</summary>
    Both = 2,
}
