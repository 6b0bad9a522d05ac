using System.Text.Json;
using Photocollect.Vision;

namespace Photocollect.Collection;

/// <summary>The marks kept with a photo (<c>Photos.Marks</c>, JSON, whole pixels): written once at the check, read by
/// the pages that draw them over the upload.</summary>
public static class StoredMarks
{
    /// <summary>The JSON to store for an analysis, or null when there is none (not an image).</summary>
    public static string? Write(PhotoAnalysis? analysis)
    {
        if (analysis is null)
        {
            return null;
        }

        var marks = PhotoMarks.From(analysis);
        return JsonSerializer.Serialize(new
        {
            w = marks.Width,
            h = marks.Height,
            face = marks.Face is { } f ? new[] { Px(f.X), Px(f.Y), Px(f.Width), Px(f.Height) } : null,
            eyes = marks.Eyes.Select(Point).ToArray(),
            crop = marks.Crop.Select(Point).ToArray(),
            bg = marks.Background,
        });
    }

    /// <summary>The stored marks, or null (none kept, or unreadable).</summary>
    public static PhotoMarks? Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            RectF? face = root.TryGetProperty("face", out var f) && f.ValueKind == JsonValueKind.Array
                ? new RectF(f[0].GetInt32(), f[1].GetInt32(), f[2].GetInt32(), f[3].GetInt32())
                : null;
            return new PhotoMarks(
                root.GetProperty("w").GetInt32(),
                root.GetProperty("h").GetInt32(),
                face,
                Points(root, "eyes"),
                Points(root, "crop"),
                root.TryGetProperty("bg", out var bg) ? bg.EnumerateArray().Select(c => c.GetInt32()).ToList() : []);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static int Px(float value) => (int)MathF.Round(value);

    private static int[] Point(PointF p) => [Px(p.X), Px(p.Y)];

    private static List<PointF> Points(JsonElement root, string name) =>
        root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(p => new PointF(p[0].GetInt32(), p[1].GetInt32())).ToList()
            : [];
}
