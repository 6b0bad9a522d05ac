namespace Photocollect.Tenancy;

/// <summary>Whether a school is served.</summary>
public enum SchoolStatus
{
    /// <summary>Served normally.</summary>
    Active = 0,

    /// <summary>Not served: every request gets the "suspended" page.</summary>
    Suspended = 1,
}
