namespace Photocollect.Web.Tests.TestKit;

/// <summary>Altering signed text for forgery tests: always a real change, never by chance the same text.</summary>
public static class Tamper
{
    /// <summary><paramref name="text"/> with the character <paramref name="fromEnd"/> places from its end replaced by another
    /// from the same alphabet (hex or base64url). Away from the last character, whose spare bits base64 ignores.</summary>
    public static string Change(string text, int fromEnd = 10)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = text.Length - fromEnd;
        var replacement = text[i] == 'a' ? 'b' : 'a';
        return string.Concat(text.AsSpan(0, i), replacement.ToString(), text.AsSpan(i + 1));
    }
}
