using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Photocollect.Vision;

/// <summary>
/// <c>./photocollect vision VERB ...</c>: one JSON object per line. Exit code 0 whenever it ran, whatever the
/// verdicts; 2 for usage errors only.
/// </summary>
public static class VisionCommandLine
{
    private const string Usage = """
        usage: vision decode FILE...            QR codes (图像采集码) in each file
               vision check FILE...             automatic photo check (初审) of each file
               vision standardize IN OUT        write the 480x640 standard photo, print the check of OUT
               vision compare A B               same person? (admission photo comparison)
               vision measure FILE...           every raw measurement (support and calibration)
        """;

    private static readonly (string Property, string[] Names)[] TupleNames =
    [
        ("eye_openness", ["left", "right"]), ("placement", ["hair_top", "eye_line", "face_width"]),
        ("background", ["l", "a", "b"]), ("skin", ["l", "a", "b"]), ("clipped", ["high", "low"]),
    ];

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        IncludeFields = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Runs a verb; returns the exit code.</summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var verb = args.Count > 0 ? args[0] : "";
        var files = args.Skip(1).ToList();
        var usable = verb switch
        {
            "decode" or "check" or "measure" => files.Count >= 1,
            "standardize" or "compare" => files.Count == 2,
            _ => false,
        };
        if (!usable)
        {
            error.WriteLine(Usage);
            return 2;
        }

        switch (verb)
        {
            case "decode":
                files.ForEach(f => output.WriteLine(Decode(f).ToJsonString(Json)));
                break;
            case "check":
                files.ForEach(f => output.WriteLine(Check(f).ToJsonString(Json)));
                break;
            case "measure":
                files.ForEach(f => output.WriteLine(Measure(f).ToJsonString(Json)));
                break;
            case "standardize":
                output.WriteLine(Standardize(files[0], files[1]).ToJsonString(Json));
                break;
            default:
                output.WriteLine(Compare(files[0], files[1]).ToJsonString(Json));
                break;
        }

        return 0;
    }

    /// <summary>A check report as the command line prints it.</summary>
    public static JsonObject ToJson(string file, CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var result = new JsonObject { ["file"] = file, ["pass"] = report.Pass };
        if (report.Error is { } e)
        {
            result["error"] = e.Name();
            result["message"] = e.Message();
            return result;
        }

        result["checks"] = new JsonArray([.. report.Checks.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["pass"] = c.Pass,
            ["value"] = JsonSerializer.SerializeToNode(c.Value, Json),
            ["threshold"] = JsonSerializer.SerializeToNode(c.Threshold, Json),
            ["message"] = c.Message,
            ["skipped"] = c.Skipped ? true : null,
        })]);
        return result;
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

    private static JsonObject Check(string file)
    {
        var result = new JsonObject { ["file"] = file, ["pass"] = false };
        return TryRead(file, result, out var bytes) ? ToJson(file, PhotoCheck.Run(bytes)) : result;
    }

    private static JsonObject Measure(string file)
    {
        var result = new JsonObject { ["file"] = file };
        if (!TryRead(file, result, out var bytes))
        {
            return result;
        }

        var report = PhotoCheck.Run(bytes);
        if (report.Error is { } e)
        {
            result["error"] = e.Name();
            result["message"] = e.Message();
            return result;
        }

        var analysis = JsonSerializer.SerializeToNode(report.Analysis! with { Landmarks = [] }, Json)!.AsObject();
        analysis.Remove("landmarks");
        // Tuples serialise as item1, item2...: name their parts.
        foreach (var (property, names) in TupleNames)
        {
            if (analysis[property] is JsonObject tuple)
            {
                analysis[property] = new JsonObject(names.Select((n, i) => KeyValuePair.Create(n, tuple["item" + (i + 1)]?.DeepClone())));
            }
        }

        result["analysis"] = analysis;
        return result;
    }

    private static JsonObject Standardize(string input, string output)
    {
        var result = new JsonObject { ["file"] = output, ["source"] = input, ["pass"] = false };
        if (!TryRead(input, result, out var bytes))
        {
            return result;
        }

        var made = StandardPhoto.Create(bytes);
        if (made.Jpeg is null)
        {
            var source = ToJson(input, made.Source);
            source["file"] = output;
            source["source"] = input;
            source["pass"] = false;
            source["written"] = false;
            return source;
        }

        try
        {
            File.WriteAllBytes(output, made.Jpeg);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            result["error"] = "unwritable";
            result["message"] = e.Message;
            return result;
        }

        var check = ToJson(output, PhotoCheck.Run(made.Jpeg));
        check["source"] = input;
        check["written"] = true;
        check["bytes"] = made.Jpeg.Length;
        check["quality"] = made.Quality;
        return check;
    }

    private static JsonObject Compare(string a, string b)
    {
        var result = new JsonObject { ["a"] = a, ["b"] = b };
        if (!TryRead(a, result, out var first) || !TryRead(b, result, out var second))
        {
            result["score"] = null;
            result["same"] = false;
            return result;
        }

        var comparison = FaceComparison.Compare(first, second);
        result["score"] = comparison.Score;
        result["same"] = comparison.Same;
        result["cosine"] = comparison.Cosine;
        result["threshold"] = FaceComparison.DefaultThreshold;
        result["message"] = Messages.Get(comparison.Score is null ? "Compare.no_face" : comparison.Same ? "Compare.same" : "Compare.different");
        if (comparison.Error is { } e)
        {
            result["error"] = e;
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
