namespace Photocollect.Collection.Registry;

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
