namespace Photocollect.Collection.Registry;

/// <summary>Why a collection code gave no record.</summary>
public enum RegistryError
{
    /// <summary>Not a collection code at all (wrong prefix, broken structure).</summary>
    Malformed,

    /// <summary>The signature does not match: altered or made up.</summary>
    Forged,

    /// <summary>Past its expiry: the student must fetch a new one from CHSI.</summary>
    Expired,

    /// <summary>Well-formed and signed, but the registry has no such student.</summary>
    NotFound,

    /// <summary>The registry could not be reached or answered with an error; try again later.</summary>
    Unavailable,
}
