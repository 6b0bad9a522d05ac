using System.Text.RegularExpressions;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>Reads login codes out of dev-outbox messages.</summary>
public static partial class Outbox
{
    /// <summary>The six-digit code in an outbox text.</summary>
    public static string CodeIn(string text) => Code().Match(text) is { Success: true } m
        ? m.Groups[1].Value
        : throw new InvalidOperationException("No code in: " + text);

    [GeneratedRegex("验证码为([0-9]{6})")]
    private static partial Regex Code();
}
