using System.Text;
using System.Text.Json;

namespace Photocollect.Vision.Models;

/// <summary>One node of a TensorFlow.js graph.</summary>
/// <param name="Name">Its name (its output's, <c>NAME</c> or <c>NAME:K</c> for the K-th).</param>
/// <param name="Op">The TensorFlow operation.</param>
/// <param name="Inputs">Its data inputs (control inputs left out).</param>
/// <param name="Attributes">Its attributes as the JSON holds them.</param>
internal sealed record TfjsNode(string Name, string Op, IReadOnlyList<string> Inputs, IReadOnlyDictionary<string, JsonElement> Attributes)
{
    /// <summary>A string attribute (base64 in the file).</summary>
    public string? Text(string name) => Attributes.TryGetValue(name, out var a) && a.TryGetProperty("s", out var s)
        ? Encoding.UTF8.GetString(Convert.FromBase64String(s.GetString()!))
        : null;

    /// <summary>A list-of-strings attribute.</summary>
    public IReadOnlyList<string> Texts(string name) => Attributes.TryGetValue(name, out var a) && a.TryGetProperty("list", out var l) && l.TryGetProperty("s", out var s)
        ? s.EnumerateArray().Select(x => Encoding.UTF8.GetString(Convert.FromBase64String(x.GetString()!))).ToList()
        : [];

    /// <summary>A list-of-integers attribute.</summary>
    public long[] Ints(string name) => Attributes.TryGetValue(name, out var a) && a.TryGetProperty("list", out var l) && l.TryGetProperty("i", out var i)
        ? i.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? long.Parse(x.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : x.GetInt64()).ToArray()
        : [];

    /// <summary>A boolean attribute.</summary>
    public bool Flag(string name) => Attributes.TryGetValue(name, out var a) && a.TryGetProperty("b", out var b) && b.GetBoolean();

    /// <summary>A float attribute.</summary>
    public float? Float(string name) => Attributes.TryGetValue(name, out var a) && a.TryGetProperty("f", out var f) ? f.GetSingle() : null;
}
