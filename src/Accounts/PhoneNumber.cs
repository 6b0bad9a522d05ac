using System.Text.RegularExpressions;

namespace Photocollect.Accounts;

/// <summary>Mainland China mobile numbers: 11 digits starting 1[3-9].</summary>
public static partial class PhoneNumber
{
    /// <summary>
    /// Accepts what people type — spaces, hyphens, a +86 / 0086 prefix — and returns the bare 11 digits,
    /// or null when it is not a mainland mobile number.
    /// </summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 32)
        {
            return null;
        }

        var digits = Separators().Replace(input.Trim(), string.Empty);
        if (digits.StartsWith("+86", StringComparison.Ordinal))
        {
            digits = digits[3..];
        }
        else if (digits.StartsWith("0086", StringComparison.Ordinal))
        {
            digits = digits[4..];
        }

        return Mobile().IsMatch(digits) ? digits : null;
    }

    /// <summary>138****5678: for pages and logs.</summary>
    public static string Mask(string phone) =>
        phone is { Length: 11 } ? string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(7)) : "***";

    [GeneratedRegex(@"[\s\-()]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^1[3-9][0-9]{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex Mobile();
}
