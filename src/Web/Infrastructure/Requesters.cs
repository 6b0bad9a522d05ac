using System.Security.Claims;
using Photocollect.Delivery;

namespace Photocollect.Web.Infrastructure;

/// <summary>Who is asking for an export, as the export log records it: the signed-in staff member and the client's address.</summary>
public static class Requesters
{
    /// <summary>The staff member of the request.</summary>
    public static ExportLog.Requester Staff(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var account = Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        return new(account, null, Address(http));
    }

    /// <summary>The client's address (the connection's peer, or what a trusted proxy said).</summary>
    public static string Address(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
