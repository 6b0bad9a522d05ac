using Photocollect.Data;

namespace Photocollect.Collection.Retention;

/// <summary>One collection record of the student's, as their own data lists it (ID number masked).</summary>
/// <param name="RecordId">The record.</param>
/// <param name="Campaign">The campaign's name.</param>
/// <param name="Name">The name on the record (empty once blanked).</param>
/// <param name="MaskedIdNumber">The ID number, masked (empty once blanked).</param>
/// <param name="StudentNumber">The student number.</param>
/// <param name="MaskedPhone">The record's phone for notifications, masked (empty once blanked).</param>
/// <param name="VerifiedAt">When the record was verified (UTC).</param>
/// <param name="FaceConsentAt">When the student consented to the processing of their face image (UTC), or null.</param>
/// <param name="PhotosStored">Photos of theirs with a file (upload or standard photo) still stored.</param>
/// <param name="PhotosSince">The oldest of those photos' upload time (UTC), or null.</param>
/// <param name="AdmissionPhotoStored">Whether their admission photo is still stored (since the record was verified).</param>
/// <param name="Orders">The record's orders, newest first.</param>
/// <param name="CampaignKind">Graduation or freshman: a freshman campaign's orders are labelled 新生照片 (<see cref="OrderLabels.KindKey"/>).</param>
public sealed record HeldRecord(Guid RecordId, string Campaign, string Name, string MaskedIdNumber, string StudentNumber, string MaskedPhone,
    DateTimeOffset VerifiedAt, DateTimeOffset? FaceConsentAt, int PhotosStored, DateTimeOffset? PhotosSince, bool AdmissionPhotoStored,
    IReadOnlyList<HeldOrder> Orders, CampaignKind CampaignKind = CampaignKind.Graduation);
