
namespace Photocollect.Data.DataProtection;

/// <summary>An ASP.NET Data Protection key ring entry, shared by every instance of the app.</summary>
public sealed class DataProtectionKeyRow
{
    /// <summary>Key.</summary>
    public int Id { get; set; }

    /// <summary>The key's name from Data Protection.</summary>
    public string? FriendlyName { get; set; }

    /// <summary>The key's XML.</summary>
    public required string Xml { get; set; }
}
