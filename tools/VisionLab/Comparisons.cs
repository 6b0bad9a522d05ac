using System.Globalization;
using System.Text;
using Photocollect.Vision;

namespace Photocollect.VisionLab;

/// <summary>
/// Calibration of the admission-photo comparison (docs/vision-checks.md): every genuine (same person) and impostor
/// (different people) pair of a set of photos, scored by the production path (one detection, landmarks, alignment,
/// the face model), with the share accepted and refused at the default threshold and around it.
/// </summary>
public static class Comparisons
{
    private static readonly double[] Sweep = [0.45, 0.50, 0.55, 0.60, 0.65];

    /// <summary>Pairs of the generated corpus: its good photos and the portraits they were made from (messi5.jpg too).</summary>
    public static IReadOnlyList<Pair> Generated(Corpus corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var photos = corpus.Good().Select(s => (Person: s.Name[(s.Name.LastIndexOf('-') + 1)..], s.Name, s.Jpeg)).ToList();
        foreach (var file in Corpus.Sources.Append("messi5.jpg"))
        {
            photos.Add((Path.GetFileNameWithoutExtension(file), file, File.ReadAllBytes(Path.Combine(corpus.FacesDirectory, file))));
        }

        return Score(photos);
    }

    /// <summary>Pairs of a folder of photos named <c>IDENTITY__N.jpg|png</c> (tools/faces/fetch-real-faces.sh writes one).</summary>
    public static IReadOnlyList<Pair> Folder(string folder) => Score(Directory.GetFiles(folder)
        .Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
        .Order(StringComparer.Ordinal)
        .Select(f => (Person: Identity(f), Name: Path.GetFileName(f), Bytes: File.ReadAllBytes(f)))
        .ToList());

    /// <summary>The identity of a file named <c>IDENTITY__N.ext</c>.</summary>
    public static string Identity(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var cut = name.IndexOf("__", StringComparison.Ordinal);
        return cut > 0 ? name[..cut] : name;
    }

    /// <summary>Markdown: one row per set (genuine and impostor), then a sweep of thresholds per set.</summary>
    public static string Markdown(IReadOnlyList<(string Set, IReadOnlyList<Pair> Pairs)> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        var c = CultureInfo.InvariantCulture;
        var t = FaceComparison.DefaultThreshold;
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(c, $"| set | pairs | n | score min | median | max | right at {t:0.00} |"));
        sb.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (set, pairs) in sets)
        {
            foreach (var genuine in new[] { true, false })
            {
                var scores = pairs.Where(p => p.Genuine == genuine && p.Score is not null).Select(p => p.Score!.Value).Order().ToList();
                if (scores.Count == 0)
                {
                    continue;
                }

                var right = scores.Count(s => (s >= t) == genuine);
                sb.AppendLine(string.Create(c, $"| {set} | {(genuine ? "genuine (accepted)" : "impostor (refused)")} | {scores.Count} | {scores[0]:0.000} | {scores[scores.Count / 2]:0.000} | {scores[^1]:0.000} | {right} ({100.0 * right / scores.Count:0.0} %) |"));
            }
        }

        sb.AppendLine();
        sb.AppendLine("| set | " + string.Join(" | ", Sweep.Select(s => s.ToString("0.00", c))) + " |");
        sb.AppendLine("| --- |" + string.Concat(Enumerable.Repeat(" --- |", Sweep.Length)));
        foreach (var (set, pairs) in sets)
        {
            var genuine = pairs.Where(p => p.Genuine && p.Score is not null).Select(p => p.Score!.Value).ToList();
            var impostor = pairs.Where(p => !p.Genuine && p.Score is not null).Select(p => p.Score!.Value).ToList();
            sb.AppendLine($"| {set}: genuine accepted / impostor refused | " + string.Join(" | ", Sweep.Select(s => string.Create(c,
                $"{Share(genuine, g => g >= s)} / {Share(impostor, i => i < s)}"))) + " |");
        }

        sb.AppendLine();
        foreach (var (set, pairs) in sets)
        {
            sb.AppendLine(string.Create(c, $"{set}: {pairs.Count(p => p.Score is null)} of {pairs.Count} pairs without a usable face on one side."));
        }

        return sb.ToString();
    }

    private static string Share(List<double> scores, Func<double, bool> right) =>
        scores.Count == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * scores.Count(right) / scores.Count:0.0} %");

    // Each photo aligned and embedded once; then every pair.
    private static List<Pair> Score(List<(string Person, string Name, byte[] Bytes)> photos)
    {
        var embedded = photos.Select(p => (p.Person, p.Name, Embedding: FaceComparison.Align(p.Bytes, out _) is { } face ? FaceComparison.Embed(face) : null)).ToList();
        var pairs = new List<Pair>();
        for (var i = 0; i < embedded.Count; i++)
        {
            for (var j = i + 1; j < embedded.Count; j++)
            {
                var (a, b) = (embedded[i], embedded[j]);
                var score = a.Embedding is null || b.Embedding is null ? (double?)null : FaceComparison.Compare(a.Embedding, b.Embedding).Score;
                pairs.Add(new Pair(a.Name, b.Name, a.Person == b.Person, score));
            }
        }

        return pairs;
    }
}

/// <summary>A scored pair of photos.</summary>
/// <param name="A">The first photo's name.</param>
/// <param name="B">The second photo's name.</param>
/// <param name="Genuine">Both show the same person.</param>
/// <param name="Score">The comparison's score, or null when one has no usable face.</param>
public sealed record Pair(string A, string B, bool Genuine, double? Score);
