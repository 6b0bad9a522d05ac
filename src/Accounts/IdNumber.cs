namespace Photocollect.Accounts;

/// <summary>Resident ID numbers as shown to people.</summary>
public static class IdNumber
{
    /// <summary>110***********583X: first three and last four shown, for pages, the API and logs.</summary>
    public static string Mask(string id) => id.Length < 8 ? "****" : $"{id[..3]}{new string('*', id.Length - 7)}{id[^4..]}";

    /// <summary>
    /// True for an 18-character resident ID number whose last character is its GB 11643 check digit (0–9 or X), and
    /// whose birth date is a real date.
    /// </summary>
    public static bool IsValid(string? id)
    {
        if (id is not { Length: 18 } || !id[..17].All(char.IsAsciiDigit)
            || !DateOnly.TryParseExact(id[6..14], "yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out _))
        {
            return false;
        }

        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * weights[i];
        }

        return char.ToUpperInvariant(id[17]) == "10X98765432"[sum % 11];
    }
}
