using System.Globalization;
using Photocollect.VisionLab;

// The vision lab: `corpus DIR` writes the generated corpus, `confusion` prints the per-check table of
// docs/vision-checks.md, `decoders` compares QR decoders on degraded code photos, `bench` runs the benchmark behind
// `./photocollect bench vision`, `framing` the live guide against the check.
var faces = Environment.GetEnvironmentVariable("PHOTOCOLLECT_SHARED") is { } shared
    ? Path.Combine(shared, "data", "faces")
    : Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/data/faces");
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

switch (args.FirstOrDefault())
{
    case "corpus" when args.Length == 2:
        Directory.CreateDirectory(args[1]);
        var corpus = new Corpus(faces);
        foreach (var sample in corpus.Good().Concat(corpus.Bad()))
        {
            File.WriteAllBytes(Path.Combine(args[1], sample.Name + ".jpg"), sample.Jpeg);
        }

        Console.WriteLine($"wrote {Directory.GetFiles(args[1], "*.jpg").Length} files to {args[1]}");
        return 0;
    case "confusion":
        var lab = new Corpus(faces);
        Console.Write(Confusion.Markdown(lab));
        Console.WriteLine();
        Console.Write(Comparisons.Markdown(lab));
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
        Console.Error.WriteLine("usage: VisionLab corpus DIR | confusion | decoders [--rounds N] [--save DIR] | framing | photo FILE | bench [--quick]");
        return 2;
}
