using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Photocollect.Vision;

/// <summary>
/// <c>./photocollect vision VERB FILE...</c>: one JSON object per line per file. Exit code 0 whenever it ran,
/// whatever the verdicts; 2 for usage errors only.
/// </summary>
public static class VisionCommandLine
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Runs a verb; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (args.Count < 2 || args[0] is not "decode")
        {
            error.WriteLine("usage: vision decode FILE...");
            return 2;
        }

        foreach (var file in args.Skip(1))
        {
            output.WriteLine(Decode(file).ToJsonString(Json));
        }

        return 0;
    }

    private static JsonObject Decode(string file)
    {
        var result = new JsonObject { ["file"] = file };
        if (!TryRead(file, result, out var bytes))
        {
            result["codes"] = new JsonArray();
            return result;
        }

        var decoded = QrCodes.Decode(bytes);
        result["codes"] = new JsonArray([.. decoded.Codes.Select(c => JsonValue.Create(c))]);
        if (decoded.Error is { } e)
        {
            result["error"] = e.Name();
            result["message"] = e.Message();
        }
        else if (decoded.Codes.Count != 1)
        {
            result["message"] = Messages.Get(decoded.Codes.Count == 0 ? "Decode.None" : "Decode.Many");
        }

        return result;
    }

    private static bool TryRead(string file, JsonObject result, out byte[] bytes)
    {
        try
        {
            bytes = File.ReadAllBytes(file);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            bytes = [];
            result["error"] = "unreadable";
            result["message"] = Messages.Get("Error.unreadable") + " " + e.Message;
            return false;
        }
    }
}
