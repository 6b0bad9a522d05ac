namespace Photocollect.Accounts;

/// <summary>Resident ID numbers as shown to people.</summary>
public static class IdNumber
{
    /// <summary>110***********583X: first three and last four shown, for pages, the API and logs.</summary>
    public static string Mask(string id) => id.Length < 8 ? "****" : $"{id[..3]}{new string('*', id.Length - 7)}{id[^4..]}";
}
