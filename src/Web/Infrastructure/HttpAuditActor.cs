using System.Security.Claims;
using Photocollect.Data;

namespace Photocollect.Web.Infrastructure;

/// <summary>The audit trail's "who" in a request: the signed-in account, its name and roles, and the client's address.</summary>
public sealed class HttpAuditActor(IHttpContextAccessor http) : IAuditActor
{
    /// <inheritdoc />
    public (Guid? AccountId, string Who, string Roles, string Address) Current
    {
        get
        {
            if (http.HttpContext is not { } context)
            {
                return new SystemAuditActor().Current;
            }

            var user = context.User;
            var account = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
            var roles = string.Join(",", user.FindAll(ClaimTypes.Role).Select(c => c.Value));
            return (account, user.Identity?.Name ?? "anonymous", roles, Requesters.Address(context));
        }
    }
}
