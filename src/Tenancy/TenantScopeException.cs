namespace Photocollect.Tenancy;

/// <summary>Thrown when tenant-owned data is touched outside the right tenant scope.</summary>
public sealed class TenantScopeException(string message) : InvalidOperationException(message);
