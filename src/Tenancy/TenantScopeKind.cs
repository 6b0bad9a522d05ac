namespace Photocollect.Tenancy;

/// <summary>What a unit of work (a request, a job) acts for.</summary>
public enum TenantScopeKind
{
    /// <summary>Nothing entered yet: tenant-owned data can be neither read nor written.</summary>
    None = 0,

    /// <summary>The platform itself (operators, seeding, cross-school jobs): rows with no tenant.</summary>
    Platform = 1,

    /// <summary>One school.</summary>
    Tenant = 2,
}
