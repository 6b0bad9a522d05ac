namespace Photocollect.Data;

/// <summary>Outside a request (scheduled work): the system.</summary>
public sealed class SystemAuditActor : IAuditActor
{
    /// <inheritdoc />
    public (Guid? AccountId, string Who, string Roles, string Address) Current => (null, "system", "", "");
}
