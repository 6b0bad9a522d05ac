using System.Globalization;
using System.Text;
using Photocollect.Vision;

namespace Photocollect.VisionLab;

/// <summary>
/// Calibration of the admission-photo comparison: every pair of good corpus photos and source portraits, genuine
/// (same person) and impostor (different people, messi5.jpg included), with false accept / reject rates.
/// </summary>
public static class Comparisons
{
    /// <summary>All pairs with their scores.</summary>
    public static IReadOnlyList<(string A, string B, bool Genuine, double? Score)> Run(Corpus corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var photos = corpus.Good().Select(s => (Person: s.Name[(s.Name.LastIndexOf('-') + 1)..], s.Name, s.Jpeg)).ToList();
        foreach (var file in Corpus.Sources.Append("messi5.jpg"))
        {
            photos.Add((Path.GetFileNameWithoutExtension(file), file, File.ReadAllBytes(Path.Combine(corpus.FacesDirectory, file))));
        }

        var pairs = new List<(string, string, bool, double?)>();
        for (var i = 0; i < photos.Count; i++)
        {
            for (var j = i + 1; j < photos.Count; j++)
            {
                var c = FaceComparison.Compare(photos[i].Jpeg, photos[j].Jpeg);
                pairs.Add((photos[i].Name, photos[j].Name, photos[i].Person == photos[j].Person, c.Score));
            }
        }

        return pairs;
    }

    /// <summary>Markdown summary at the default threshold.</summary>
    public static string Markdown(Corpus corpus)
    {
        var pairs = Run(corpus);
        var genuine = pairs.Where(p => p.Genuine && p.Score is not null).ToList();
        var impostor = pairs.Where(p => !p.Genuine && p.Score is not null).ToList();
        var t = FaceComparison.DefaultThreshold;
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        sb.AppendLine(string.Create(c, $"| pairs | n | score min | score median | score max | verdict errors at {t} |"));
        sb.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var (name, set, wrong) in new[] { ("genuine (same person)", genuine, genuine.Count(p => p.Score < t)), ("impostor (different people)", impostor, impostor.Count(p => p.Score >= t)) })
        {
            var scores = set.Select(p => p.Score!.Value).Order().ToList();
            sb.AppendLine(string.Create(c, $"| {name} | {scores.Count} | {scores[0]:0.000} | {scores[scores.Count / 2]:0.000} | {scores[^1]:0.000} | {wrong} ({100.0 * wrong / scores.Count:0.0} %) |"));
        }

        sb.AppendLine(string.Create(c, $"\nPairs without a usable face: {pairs.Count(p => p.Score is null)}."));
        return sb.ToString();
    }
}
