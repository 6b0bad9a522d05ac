namespace Photocollect.Collection.Registry;

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
