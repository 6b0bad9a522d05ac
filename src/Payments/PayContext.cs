using Microsoft.EntityFrameworkCore;

namespace Photocollect.Payments;

/// <summary>Where and how the student pays.</summary>
/// <param name="SchoolUrl">The school's absolute base URL (for return and notification URLs).</param>
/// <param name="Channel">Desktop, phone browser or inside WeChat.</param>
/// <param name="ClientIp">The student's IP address.</param>
/// <param name="OpenId">The student's openid inside WeChat, or null.</param>
public sealed record PayContext(string SchoolUrl, PayChannel Channel, string? ClientIp, string? OpenId)
{
    /// <summary>The context of a request: the school's URL (built from configuration by the host, never from the
    /// request's Host header), and the channel its browser suggests.</summary>
    public static PayContext Of(HttpRequest request, string schoolUrl, string? openId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var agent = request.Headers.UserAgent.ToString();
        var channel = agent.Contains("MicroMessenger", StringComparison.OrdinalIgnoreCase) && openId is not null ? PayChannel.WeChat
            : agent.Contains("Mobile", StringComparison.OrdinalIgnoreCase) || agent.Contains("Android", StringComparison.OrdinalIgnoreCase) ? PayChannel.MobileBrowser
            : PayChannel.Desktop;
        return new(schoolUrl, channel, request.HttpContext.Connection.RemoteIpAddress?.ToString(), openId);
    }
}
