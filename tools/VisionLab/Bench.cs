using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Photocollect.Vision;
using QRCoder;

namespace Photocollect.VisionLab;

/// <summary>
/// <c>./photocollect bench vision</c>: a 12-megapixel phone JPEG (3000×4000, about 3 MB) through the check and the
/// standardisation on one core, a 1080×2400 screenshot through the QR decoder, peak memory of one check, and
/// throughput on one and two cores. Prints a Markdown table for docs/benchmarks.md.
/// </summary>
public static partial class Bench
{
    /// <summary>Runs it; <c>--quick</c> takes fewer rounds (a smoke run).</summary>
    public static int Run(Corpus corpus, string[] args)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var rounds = args.Contains("--quick") ? 8 : 60;
        var random = new Random(7);
        var person = corpus.People.First();
        var photo = Photo(corpus, random);
        var screenshot = Screenshot(random);
        // The admission photo as the registry simulator serves it: the person's source portrait.
        var admission = File.ReadAllBytes(Path.Combine(corpus.FacesDirectory, person.Name));
        var face = PhotoCheck.Run(photo).Analysis!.Face!;
        var admissionFace = FaceComparison.Align(admission, out _) ?? throw new InvalidOperationException("no face in the admission photo");
        var admissionEmbedding = FaceComparison.Embed(admissionFace);
        if (Array.IndexOf(args, "--save") is var at and >= 0 && at + 1 < args.Length)
        {
            File.WriteAllBytes(args[at + 1], photo);  // the benchmark photo and screenshot, for profiling outside
            File.WriteAllBytes(Path.ChangeExtension(args[at + 1], ".png"), screenshot);
        }

        var rows = new List<(string Name, Stats Stats, string Target)>
        {
            ("JPEG decode, full size (the floor)", Time(rounds, () => Load(photo, 1)), "–"),
            ("JPEG decode at 1/4 (what the check decodes)", Time(rounds, () => Load(photo, 4)), "–"),
            ("full check (初审)", Time(rounds, () => PhotoCheck.Run(photo)), "p50 ≤ 120, p95 ≤ 200"),
            ("standardise (check + 480×640 JPEG)", Time(rounds, () => StandardPhoto.Create(photo)), "≤ 150"),
            ("QR decode of a 1080×2400 PNG screenshot", Time(rounds, () => QrCodes.Decode(screenshot)), "≤ 30"),
            ("face embedding of an aligned face (the comparison's model, one core)", Time(rounds, () => FaceComparison.Embed(face)), "–"),
            ("admission-photo comparison (embedding of the upload's face, the record's kept)", Time(rounds, () => FaceComparison.Compare(FaceComparison.Embed(face), admissionEmbedding)), "–"),
            ("admission photo: align + embed (once per record, then kept)", Time(rounds, () => FaceComparison.Embed(FaceComparison.Align(admission, out _)!)), "–"),
            ("upload path: standardise + comparison", Time(rounds, () => FaceComparison.Compare(FaceComparison.Embed(StandardPhoto.Create(photo).Source.Analysis!.Face!), admissionEmbedding)), "p95 ≤ 200"),
        };

        var (before, peak) = PeakOfOneCheck(photo);
        var (one, two) = Throughput(photo, rounds);

        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(culture, $"Photo: 3000×4000 JPEG, {photo.Length / 1024.0 / 1024:0.00} MB; screenshot {screenshot.Length / 1024} KB PNG; {rounds} rounds after 3 warm-up; {Environment.ProcessorCount} cores; OpenCV on one thread per call."));
        Console.WriteLine();
        Console.WriteLine("| step | p50 ms | p95 ms | mean ms | target |");
        Console.WriteLine("| --- | --- | --- | --- | --- |");
        foreach (var (name, stats, target) in rows)
        {
            Console.WriteLine(string.Create(culture, $"| {name} | {stats.P50:0.0} | {stats.P95:0.0} | {stats.Mean:0.0} | {target} |"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(culture, $"Peak memory of one check: +{(peak - before) / 1024.0 / 1024:0} MB over the process before it ({before / 1024.0 / 1024:0} MB resident, of which about 100 MB is dlib's landmark model); target ≤ 150 MB."));
        Console.WriteLine(string.Create(culture, $"Throughput: {one:0.0} checks/s on one core, {two:0.0} on two: {two / one:0.00}× (target ≥ 1.8×)."));
        return 0;
    }

    /// <summary>The benchmark's phone photo: a portrait on a light wall at 3000×4000 with sensor-like noise, quality 95.</summary>
    public static byte[] Photo(Corpus corpus, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        return Photo(corpus.People.First(), random);
    }

    /// <summary>The benchmark's phone photo of <paramref name="person"/> (<c>./photocollect bench web</c> uploads it).</summary>
    public static byte[] Photo(Person person, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(person);
        var spec = new PhotoSpec { Width = 3000, Height = 4000, FaceWidth = 0.34, Background = (238, 238, 236), Quality = 95 };
        var raster = Corpus.Render(person, spec).Photo;
        raster.Noise(4, random ?? new Random(7));  // sensor noise: without it a synthetic photo compresses far below a phone's 3 MB
        return raster.ToJpeg(spec.Quality);
    }

    private static void Load(byte[] jpeg, int reduce)
    {
        using var loaded = ImageLoader.Load(jpeg, reduce: reduce);
    }

    private static byte[] Screenshot(Random random)
    {
        var screen = new Raster(1080, 2400, (246, 246, 246));
        for (var i = 0; i < 14; i++)
        {
            screen.Rectangle(40, 120 + (i * 150), 1000, 110, ((byte)random.Next(200, 255), (byte)random.Next(200, 255), (byte)random.Next(200, 255)));
            screen.Text("SAMPLE", 80, 150 + (i * 150), 6, (60, 60, 60));
        }

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode("CHSI-TXCJM:v1:" + new string('7', 120), QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        using var code = ImageLoader.Load(png);
        var qr = Raster.From(code.Image!);
        for (var y = 0; y < qr.Height; y++)
        {
            Array.Copy(qr.Bgr, y * qr.Width * 3, screen.Bgr, (((900 + y) * 1080) + 240) * 3, qr.Width * 3);
        }

        using var image = screen.ToImage();
        return image.ToPng();
    }

    internal static Stats Time(int rounds, Action action)
    {
        for (var i = 0; i < 3; i++)
        {
            action();
        }

        var times = new List<double>(rounds);
        for (var i = 0; i < rounds; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        times.Sort();
        return new Stats(times[times.Count / 2], times[Math.Min(times.Count - 1, (int)Math.Ceiling(times.Count * 0.95) - 1)], times.Average());
    }

    // In a fresh process (so no earlier photo's memory is reused): warm up on a small photo (models loaded), reset the
    // peak resident size (Linux: writing 5 to clear_refs), check the 12 MP photo once, read the peak.
    private static (long Before, long Peak) PeakOfOneCheck(byte[] photo)
    {
        var file = Path.Combine(Path.GetTempPath(), $"photocollect-bench-{Environment.ProcessId}.jpg");
        File.WriteAllBytes(file, photo);
        try
        {
            var self = Environment.ProcessPath!;
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true };
            if (!self.EndsWith("Photocollect.VisionLab", StringComparison.Ordinal))
            {
                start.ArgumentList.Add(typeof(Bench).Assembly.Location);  // running under `dotnet`
            }

            start.ArgumentList.Add("peak");
            start.ArgumentList.Add(file);
            using var child = Process.Start(start)!;
            var output = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            var parts = output.Trim().Split(' ');
            return (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The child side of the peak measurement: prints resident bytes before and the peak during one check.</summary>
    public static int Peak(string file)
    {
        var photo = File.ReadAllBytes(file);
        using (var small = ImageLoader.Load(photo, reduce: 8))
        {
            PhotoCheck.Run(small.Image!.ToJpeg(90));  // the same face at 375×500: loads every model
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        // The warm-up's buffers (the work canvas is the same size for every photo) would otherwise be reused
        // unseen: hand freed native memory back so that the check's own allocations show in the peak.
        _ = MallocTrim(0);
        File.WriteAllText("/proc/self/clear_refs", "5");
        var before = Status("VmRSS");
        PhotoCheck.Run(photo);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{before} {Status("VmHWM")}"));
        return 0;
    }

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    private static long Status(string field)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static (double One, double Two) Throughput(byte[] photo, int rounds)
    {
        var n = Math.Max(8, rounds / 2);
        double Rate(int workers)
        {
            var start = Stopwatch.GetTimestamp();
            var threads = Enumerable.Range(0, workers).Select(_ => new Thread(() =>
            {
                for (var i = 0; i < n; i++)
                {
                    PhotoCheck.Run(photo);
                }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            return workers * n / Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        Rate(2);  // warm both threads' cascades
        return (Rate(1), Rate(2));
    }

    internal sealed record Stats(double P50, double P95, double Mean);
}
