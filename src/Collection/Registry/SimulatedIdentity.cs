using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Photocollect.Collection.Registry;

/// <summary>
/// The registry simulator's made-up but well-formed identity for a roster student, derived from the school code and
/// student number alone (so the demo roster's ID last four and the simulator agree): an 18-character ID number with
/// a valid GB 11643 check character, the gender it encodes, the birth date inside it, and admission/leaving dates
/// from the student number's year.
/// </summary>
public sealed record SimulatedIdentity(string IdNumber, string Gender, DateOnly BirthDate, DateOnly AdmissionDate)
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>The identity of a student.</summary>
    public static SimulatedIdentity For(string schoolCode, string studentNumber)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{schoolCode}/{studentNumber}"));
        var entry = studentNumber.Length >= 4 && int.TryParse(studentNumber[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is > 1990 and < 2100
            ? y
            : 2023;
        var birth = new DateOnly(entry - 18, 1, 1).AddDays(hash[0] * 256 % 365 + hash[1] % 200);
        var sequence = 100 + (hash[2] * 256 + hash[3]) % 900;
        var body = $"110108{birth:yyyyMMdd}{sequence:000}";
        var sum = body.Select((c, i) => (c - '0') * Weights[i]).Sum();
        return new SimulatedIdentity(body + CheckCharacters[sum % 11], sequence % 2 == 1 ? "男" : "女", birth, new DateOnly(entry, 9, 1));
    }

    /// <summary>True when an ID number's check character is right.</summary>
    public static bool IsValidIdNumber(string? id)
    {
        if (id is not { Length: 18 } || !id[..17].All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = id[..17].Select((c, i) => (c - '0') * Weights[i]).Sum();
        return char.ToUpperInvariant(id[17]) == CheckCharacters[sum % 11];
    }

    /// <summary>Years of study of a level.</summary>
    public static int YearsOf(string level) => level switch
    {
        "专科" => 3,
        "硕士研究生" => 3,
        "博士研究生" => 4,
        _ => 4,
    };
}
