namespace Photocollect.Collection.Registry;

/// <summary>The result of resolving a code: a record or an error.</summary>
/// <param name="Record">The record, or null.</param>
/// <param name="Error">The error, or null.</param>
public sealed record RegistryLookup(RegistryRecord? Record, RegistryError? Error)
{
    /// <summary>A found record.</summary>
    public static RegistryLookup Found(RegistryRecord record) => new(record, null);

    /// <summary>A failure.</summary>
    public static RegistryLookup Failed(RegistryError error) => new(null, error);
}
