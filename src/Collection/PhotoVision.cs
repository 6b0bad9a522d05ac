using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Photocollect.Vision;
using Photocollect.Data;

namespace Photocollect.Collection;

/// <summary>
/// The vision work of the collection, through the <see cref="VisionGate"/> (so a burst of uploads waits in a bounded
/// queue instead of taking every core; <see cref="VisionBusyException"/> when it is full). An upload costs one native
/// pass and one run of the face model: the check, the standard photo and the photo's aligned face come out of the pass
/// together, and the record's admission photo's embedding is worked out once and kept
/// (<see cref="AdmissionPhoto.FaceEmbedding"/>), so comparing decodes and detects nothing more.
/// </summary>
public sealed class PhotoVision(AppDbContext db, VisionGate gate, [FromKeyedServices(VisionGate.CodeLane)] VisionGate codes, ILogger<PhotoVision> logger)
{
    /// <summary>A phone-sized JPEG of a photo (see <see cref="PhotoPreview"/>), or null when it is not an image.</summary>
    public Task<byte[]?> PreviewAsync(byte[] photo, CancellationToken cancellationToken = default) =>
        gate.RunAsync(() => PhotoPreview.Jpeg(photo), cancellationToken);

    /// <summary>Reads the QR codes in a picture, on the code lane (never behind photo checks).</summary>
    public Task<QrResult> DecodeCodesAsync(byte[] picture, CancellationToken cancellationToken = default) =>
        codes.RunAsync(() => QrCodes.Decode(picture), cancellationToken);

    /// <summary>
    /// Judges a live preview frame against the guide, and the vision worker's CPU time on it; only when a worker is
    /// idle (<see cref="VisionBusyException"/> at once otherwise: the page's hint then stays neutral).
    /// </summary>
    public Task<(FrameVerdict Verdict, TimeSpan Spent)> JudgeFrameAsync(byte[] frame, CancellationToken cancellationToken = default) =>
        gate.RunOptionalAsync(() =>
        {
            // CPU time, not wall time: the worker runs below normal priority and may wait for a core meanwhile.
            var start = ThreadCpuTime.Now();
            var verdict = FramingGuide.Judge(frame);
            return (verdict, ThreadCpuTime.Now() - start);
        }, cancellationToken);

    /// <summary>
    /// Checks a photo with the campaign's thresholds, makes its standard photo and, when the campaign asks, compares it
    /// with the record's admission photo (null: not compared, or no face on either side).
    /// </summary>
    public async Task<(StandardPhotoResult Made, Comparison? Comparison)> CheckAsync(Guid recordId, Campaign campaign, byte[] photo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        // The kept embedding, or the admission photo itself only while none has been kept.
        var admission = campaign.CompareWithAdmission
            ? await db.AdmissionPhotos.AsNoTracking().Where(a => a.RecordId == recordId)
                .Select(a => new { a.FaceEmbedding, Image = a.FaceEmbedding == null ? a.Image : null }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var thresholds = SchoolThresholds.Read(campaign.VisionThresholds);
        var threshold = campaign.ComparisonThreshold;
        var (made, kept, comparison) = await gate.RunAsync(() =>
        {
            var made = StandardPhoto.Create(photo, thresholds: thresholds);
            try
            {
                var kept = admission?.FaceEmbedding ?? (admission?.Image is { } image ? Embed(image) : null);
                var comparison = made.Jpeg is not null && made.Source.Analysis?.Face is { } face && kept is { Length: > 0 }
                    ? FaceComparison.Compare(FaceComparison.Embed(face), FaceEmbedding.FromBytes(kept), threshold)
                    : null;
                return (made, kept, comparison);
            }
            catch (InvalidOperationException e)
            {
                // The face model is missing or broken in this deployment: the photo is checked all the same and goes
                // to the reviewer without a comparison ("not compared"); nothing is kept, so it is tried again later.
                logger.LogError(e, "Admission-photo comparison skipped: the face model is unavailable");
                return (made, (byte[]?)null, (Comparison?)null);
            }
        }, cancellationToken);

        if (admission is { FaceEmbedding: null } && kept is not null)
        {
            await db.AdmissionPhotos.Where(a => a.RecordId == recordId).ExecuteUpdateAsync(s => s.SetProperty(a => a.FaceEmbedding, kept), cancellationToken);
        }

        return (made, comparison);
    }

    // An admission photo's embedding to keep: empty when it has no face (so it is not looked for again at every upload).
    private static byte[] Embed(byte[] image) => FaceComparison.Align(image, out _) is { } face ? FaceComparison.Embed(face).ToBytes() : [];
}
