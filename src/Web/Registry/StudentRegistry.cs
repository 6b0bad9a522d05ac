namespace Photocollect.Web.Registry;

/// <summary>A student's record as CHSI holds it (what the collection code resolves to).</summary>
/// <param name="Name">Name.</param>
/// <param name="Gender">男 or 女.</param>
/// <param name="BirthDate">Birth date.</param>
/// <param name="IdNumber">ID number (18 characters).</param>
/// <param name="SchoolCode">School code (6 digits).</param>
/// <param name="SchoolName">School name.</param>
/// <param name="Level">Education level.</param>
/// <param name="College">College, when the registry knows it.</param>
/// <param name="Major">Major.</param>
/// <param name="StudentNumber">Student number.</param>
/// <param name="AdmissionDate">Admission date.</param>
/// <param name="LeavingDate">Expected leaving date.</param>
/// <param name="RecordStatus">Record status, e.g. 注册学籍.</param>
public sealed record RegistryRecord(
    string Name,
    string Gender,
    DateOnly BirthDate,
    string IdNumber,
    string SchoolCode,
    string SchoolName,
    string Level,
    string College,
    string Major,
    string StudentNumber,
    DateOnly AdmissionDate,
    DateOnly LeavingDate,
    string RecordStatus);

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

/// <summary>
/// The student registry (CHSI, or the simulator standing in for it): resolves a collection code's text to the
/// student's record, and serves the admission photo. Whether the record belongs to the school asking is the
/// caller's check (the registry is national).
/// </summary>
public interface IStudentRegistry
{
    /// <summary>Resolves a code's text.</summary>
    Task<RegistryLookup> ResolveAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>The admission photo (JPEG or PNG bytes) of a record, or null when there is none.</summary>
    Task<byte[]?> AdmissionPhotoAsync(RegistryRecord record, CancellationToken cancellationToken = default);
}
