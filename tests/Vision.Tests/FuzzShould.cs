using System.Diagnostics;
using Photocollect.Vision.Tests.Support;
using QRCoder;
using Xunit.Abstractions;

namespace Photocollect.Vision.Tests;

/// <summary>Runs alone: its memory bound must not see other tests' allocations.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;

/// <summary>Mutated files through the managed API: no crash, no hang, no unexpected exception, bounded memory.</summary>
[Collection(nameof(RunsAlone))]
public sealed class FuzzShould(ITestOutputHelper output)
{
    private const int Files = 10_000;

    [Fact(Timeout = 600_000)]
    public async Task SurviveTenThousandMutatedFiles()
    {
        var seeds = Seeds();
        var random = new Random(20261121);
        var outcomes = new Dictionary<string, int>();
        long baseline = 0;

        await Task.Run(() =>
        {
            for (var i = 0; i < Files; i++)
            {
                if (i == 500)
                {
                    // After warm-up (codecs, detectors, pools), memory must stay flat.
                    baseline = CurrentRss();
                }

                var mutated = Mutate(seeds[random.Next(seeds.Count)], random);
                string outcome;
                if (i % 25 == 0)
                {
                    var qr = QrCodes.Decode(mutated);
                    outcome = qr.Error?.ToString() ?? $"codes:{Math.Min(qr.Codes.Count, 2)}";
                }
                else
                {
                    using var loaded = ImageLoader.Load(mutated);
                    outcome = loaded.Error?.ToString() ?? "image";
                    if (loaded.Image is { } image)
                    {
                        Assert.InRange(image.Width, 1, 20_000);
                        Assert.InRange(image.Height, 1, 20_000);
                    }
                }

                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        });

        var growth = CurrentRss() - baseline;
        output.WriteLine($"outcomes: {string.Join(", ", outcomes.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}"))}; RSS growth after warm-up: {growth / 1024} KiB");
        Assert.True(growth < 150L * 1024 * 1024, $"resident memory grew by {growth / (1024 * 1024)} MB over {Files - 500} files");
        Assert.Equal(Files, outcomes.Values.Sum());
        // The mutations must reach every outcome, or the test would be feeding one path only.
        Assert.True(outcomes.GetValueOrDefault("image") > 100, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(nameof(ImageError.Corrupt)) > 100, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(nameof(ImageError.UnsupportedFormat)) > 100, string.Join(", ", outcomes));
        Assert.True(outcomes.GetValueOrDefault(nameof(ImageError.TooLarge)) > 10, string.Join(", ", outcomes));
    }

    private static List<byte[]> Seeds()
    {
        var seeds = new List<byte[]>();
        foreach (var file in new[] { "grace_hopper.jpg", "astronaut.png", "messi5.jpg" })
        {
            using var loaded = ImageLoader.Load(File.ReadAllBytes(SharedData.Face(file)));
            using var small = loaded.Image!.Warp([0.25, 0, 0, 0, 0.25, 0, 0, 0, 1], loaded.Image.Width / 4, loaded.Image.Height / 4, (0, 0, 0));
            seeds.Add(small.ToJpeg(80));
            seeds.Add(small.ToPng());
        }

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode("PC1.fuzz-seed", QRCodeGenerator.ECCLevel.M);
        seeds.Add(new PngByteQRCode(data).GetGraphic(3));
        return seeds;
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = (byte[])seed.Clone();
        switch (random.Next(8))
        {
            case 0: // flip bits anywhere
                for (var k = random.Next(1, 20); k > 0; k--)
                {
                    data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                }

                return data;
            case 1: // truncate
                return data[..random.Next(0, data.Length)];
            case 2: // overwrite a run with random bytes
            {
                var start = random.Next(data.Length);
                var span = data.AsSpan(start, Math.Min(random.Next(1, 200), data.Length - start));
                random.NextBytes(span);
                return data;
            }

            case 3: // duplicate a chunk in the middle
            {
                var start = random.Next(data.Length / 2);
                var length = random.Next(1, Math.Min(4096, data.Length - start));
                return [.. data[..(start + length)], .. data[start..]];
            }

            case 4: // forge the declared size (JPEG SOF or PNG IHDR) to anything, huge included
                ForgeSize(data, random);
                return data;
            case 5: // damage the first bytes: other or no format
                random.NextBytes(data.AsSpan(0, Math.Min(data.Length, random.Next(1, 12))));
                return data;
            case 6: // random bytes of random length
            {
                var bytes = new byte[random.Next(0, 2048)];
                random.NextBytes(bytes);
                return bytes;
            }

            default: // leave intact: valid files must keep decoding
                return data;
        }
    }

    private static void ForgeSize(byte[] data, Random random)
    {
        var width = (ushort)random.Next(0, 65536);
        var height = (ushort)random.Next(0, 65536);
        if (data.Length > 24 && data[0] == 0x89)
        {
            data[16] = 0; data[17] = 0; data[18] = (byte)(width >> 8); data[19] = (byte)width;
            data[20] = 0; data[21] = 0; data[22] = (byte)(height >> 8); data[23] = (byte)height;
            return;
        }

        for (var i = 2; i + 9 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] is 0xC0 or 0xC2)
            {
                data[i + 5] = (byte)(height >> 8); data[i + 6] = (byte)height;
                data[i + 7] = (byte)(width >> 8); data[i + 8] = (byte)width;
                return;
            }
        }
    }

    private static long CurrentRss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.WorkingSet64;
    }
}
