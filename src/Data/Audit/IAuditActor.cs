namespace Photocollect.Data;

/// <summary>Who is acting now, as the audit trail records it (the web app reads it from the request).</summary>
public interface IAuditActor
{
    /// <summary>The account (or null), the name they used, their roles and their address.</summary>
    (Guid? AccountId, string Who, string Roles, string Address) Current { get; }
}
