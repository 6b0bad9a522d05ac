using System.Globalization;
using System.Resources;

namespace Photocollect.Vision;

/// <summary>What the engine tells people (Resources/Messages*.resx; neutral = Simplified Chinese).</summary>
public static class Messages
{
    private static readonly ResourceManager Resources = new("Photocollect.Vision.Resources.Messages", typeof(Messages).Assembly);

    /// <summary>The message for <paramref name="key"/> in the current UI culture.</summary>
    public static string Get(string key) =>
        Resources.GetString(key, CultureInfo.CurrentUICulture) ?? throw new KeyNotFoundException($"No vision message '{key}'.");

    /// <summary>The message for <paramref name="key"/> in the current UI culture, or null when there is no such key.</summary>
    public static string? TryGet(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture);

    /// <summary>The command-line name of an image error, e.g. <c>unsupported_format</c>.</summary>
    public static string Name(this ImageError error) => error switch
    {
        ImageError.Empty => "empty",
        ImageError.Corrupt => "corrupt",
        ImageError.UnsupportedFormat => "unsupported_format",
        _ => "too_large",
    };

    /// <summary>What to tell a person about an image error.</summary>
    public static string Message(this ImageError error) => Get("Error." + error.Name());
}
