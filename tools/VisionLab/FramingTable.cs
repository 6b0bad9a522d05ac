using System.Globalization;
using System.Text;
using Photocollect.Vision;

namespace Photocollect.VisionLab;

/// <summary>
/// The live guide against the check: a person placed at many sizes and positions in a 720×960 camera frame (what a
/// phone's 3:4 preview sends), each checked in full and judged by <see cref="FramingGuide"/> from a 240×320 copy (what
/// the page posts while the video runs). The guide's "good" window must sit inside the region where face_size,
/// face_position and resolution pass. Also times the judgement of one frame.
/// </summary>
public static class FramingTable
{
    /// <summary>The frame the page posts.</summary>
    public const int FrameWidth = 240;

    /// <summary>The frame the page posts.</summary>
    public const int FrameHeight = 320;

    private static readonly string[] PlacementChecks = ["face_size", "face_position", "resolution"];

    /// <summary>The table and the timing, as markdown.</summary>
    public static string Markdown(Corpus corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var culture = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("| person | jaw width | eyes (x, y) | face box (cx, cy, w) | guide | check fails |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- |");
        var agree = 0;
        var goodButFailed = 0;
        var total = 0;
        foreach (var person in corpus.People)
        {
            foreach (var jaw in new[] { 0.16, 0.20, 0.24, 0.28, 0.32, 0.36, 0.40, 0.44, 0.48, 0.52 })
            {
                foreach (var eyes in new[] { (0.5, 0.40), (0.5, 0.34), (0.5, 0.46), (0.42, 0.40), (0.36, 0.40), (0.5, 0.28), (0.5, 0.52) })
                {
                    var spec = new PhotoSpec { Width = 720, Height = 960, FaceWidth = jaw, Eyes = eyes };
                    var photo = Corpus.Render(person, spec).Photo;
                    var report = PhotoCheck.Run(photo.ToJpeg(90));
                    var fails = report.Checks.Where(c => PlacementChecks.Contains(c.Name) && !c.Pass).Select(c => c.Name).ToList();
                    var verdict = FramingGuide.Judge(Frame(photo));
                    var box = verdict.Face is { } b ? string.Create(culture, $"{b.Center.X:0.00}, {b.Center.Y:0.00}, {b.Width:0.00}") : "–";
                    text.AppendLine(string.Create(culture, $"| {Path.GetFileNameWithoutExtension(person.Name)} | {jaw:0.00} | {eyes.Item1:0.00}, {eyes.Item2:0.00} | {box} | {verdict.Framing} | {string.Join(' ', fails)} |"));
                    total++;
                    var good = verdict.Framing == Framing.Good;
                    agree += good == (fails.Count == 0) ? 1 : 0;
                    goodButFailed += good && fails.Count > 0 ? 1 : 0;
                }
            }
        }

        text.AppendLine();
        text.AppendLine(string.Create(culture, $"{total} placements: the guide agrees with the placement checks on {agree}; it calls {goodButFailed} good that the checks fail."));
        var person0 = corpus.People.First(p => p.Name == "grace_hopper.jpg");
        var goodFrame = Frame(Corpus.Render(person0, new PhotoSpec { Width = 720, Height = 960 }).Photo);
        var emptyFrame = Frame(new Raster(720, 960, (245, 245, 245)));
        var (withFace, withFaceCpu) = Timed(200, () => FramingGuide.Judge(goodFrame));
        var (noFace, noFaceCpu) = Timed(200, () => FramingGuide.Judge(emptyFrame));
        text.AppendLine();
        text.AppendLine(string.Create(culture, $"One {FrameWidth}×{FrameHeight} frame ({goodFrame.Length / 1024.0:0.0} KB JPEG), decode and judge on one thread: with a face p50 {withFace.P50:0.0} ms, p95 {withFace.P95:0.0} ms wall, {withFaceCpu:0.0} ms CPU a frame; a plain wall without a face p50 {noFace.P50:0.0} ms, p95 {noFace.P95:0.0} ms wall, {noFaceCpu:0.0} ms CPU."));
        return text.ToString();
    }

    // Wall-clock figures and the process's CPU time per call (the latter holds up on a machine busy with other work).
    private static (Bench.Stats Wall, double CpuMs) Timed(int rounds, Action action)
    {
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Bench.Time(rounds, action);
        var spent = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return (wall, spent.TotalMilliseconds / (rounds + 3));
    }

    /// <summary>A camera frame scaled down to the posted frame, as JPEG (quality 80, as the page sends it).</summary>
    public static byte[] Frame(Raster photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        using var image = photo.ToImage();
        var s = (double)FrameWidth / photo.Width;
        using var small = image.Adjust(blurSigma: 0.5 / s).Warp([s, 0, 0, 0, s, 0, 0, 0, 1], FrameWidth, FrameHeight, (0, 0, 0));
        return small.ToJpeg(80);
    }
}
