namespace Photocollect.Collection.Retention;

/// <summary>What was removed: files deleted and records whose fields were blanked.</summary>
/// <param name="SourcePhotos">Uploads deleted.</param>
/// <param name="StandardPhotos">Standard photos deleted.</param>
/// <param name="AdmissionPhotos">Admission photos deleted.</param>
/// <param name="IdNumbers">Records whose ID number, name, gender and birth date were blanked.</param>
/// <param name="Phones">Records whose phone number was blanked.</param>
public sealed record RetentionCounts(int SourcePhotos, int StandardPhotos, int AdmissionPhotos, int IdNumbers, int Phones)
{
    /// <summary>Nothing.</summary>
    public static RetentionCounts None { get; } = new(0, 0, 0, 0, 0);

    /// <summary>True when nothing was removed.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => this == None;

    /// <summary>The sum of two counts.</summary>
    public RetentionCounts Add(RetentionCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(SourcePhotos + other.SourcePhotos, StandardPhotos + other.StandardPhotos, AdmissionPhotos + other.AdmissionPhotos,
            IdNumbers + other.IdNumbers, Phones + other.Phones);
    }
}
