namespace Photocollect.Web.Platform;

/// <summary>What a school logo upload must be: a PNG or JPEG (told by its first bytes, not its name) of at most 512 KB.</summary>
public static class SchoolLogoFile
{
    /// <summary>Largest logo accepted.</summary>
    public const int MaxBytes = 512 * 1024;

    /// <summary>The content type of an acceptable logo, or null with the resource key of what is wrong.</summary>
    public static (string? ContentType, string? Error) Check(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return (null, "Onboard.Error.LogoEmpty");
        }

        if (bytes.Length > MaxBytes)
        {
            return (null, "Onboard.Error.LogoSize");
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ("image/png", null);
        }

        return bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? ("image/jpeg", null) : (null, "Onboard.Error.LogoType");
    }
}
