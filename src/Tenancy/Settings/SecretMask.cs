using System.Reflection;
using Microsoft.AspNetCore.DataProtection;

namespace Photocollect.Tenancy.Settings;

/// <summary>How a secret is shown back: never in full.</summary>
public static class SecretMask
{
    /// <summary>"未设置" style empty for null; otherwise dots and at most the last four characters.</summary>
    public static string Mask(string? secret) => secret switch
    {
        null or "" => string.Empty,
        { Length: <= 8 } => "••••",
        _ => "••••" + secret[^4..],
    };
}
