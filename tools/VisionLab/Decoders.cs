using System.Diagnostics;
using System.Globalization;
using System.Text;
using Photocollect.Vision;

namespace Photocollect.VisionLab;

/// <summary>
/// <c>decoders</c>: the engine's two QR decoders one by one (OpenCV's wechat_qrcode with its locator, and ZXing.Net on
/// Gray8 luminance) on the same degraded code photos (<see cref="CodeCorpus"/>): how many each reads, and how many ZXing
/// reads that wechat_qrcode misses, the reason it is the fallback. A read counts when the text is exactly the code's.
/// Prints the Markdown table of docs/vision-checks.md.
/// </summary>
public static class Decoders
{
    /// <summary>Runs <paramref name="rounds"/> rounds of the corpus; writes the files to <paramref name="saveTo"/> when given.</summary>
    public static string Markdown(int rounds = 10, string? saveTo = null)
    {
        var rows = new List<(string Kind, string Name, bool WeChat, bool ZXing, double WeChatMs, double ZXingMs)>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var sample in CodeCorpus.Samples(round))
            {
                if (saveTo is not null)
                {
                    Directory.CreateDirectory(saveTo);
                    File.WriteAllBytes(Path.Combine(saveTo, sample.Name + (sample.File[0] == 0x89 ? ".png" : ".jpg")), sample.File);
                }

                // Both read the same decoded pixels; the file's decode is not timed.
                using var loaded = ImageLoader.Load(sample.File);
                var start = Stopwatch.GetTimestamp();
                var wechat = QrCodes.DecodeWithWeChat(loaded.Image!).Contains(sample.Text);
                var wechatMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                start = Stopwatch.GetTimestamp();
                var zxing = QrCodes.DecodeWithZXing(loaded.Image!).Contains(sample.Text);
                var zxingMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                rows.Add((sample.Kind, sample.Name, wechat, zxing, wechatMs, zxingMs));
            }
        }

        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(c, $"{rounds} rounds of {CodeCorpus.Kinds.Count * CodeCorpus.Steps} files (the same kinds and severities, other codes, turns and noise):"));
        sb.AppendLine();
        sb.AppendLine("| photos | n | wechat_qrcode read | ZXing.Net read | ZXing only | wechat_qrcode only | both (the engine) |");
        sb.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var group in rows.GroupBy(r => r.Kind).Append(rows.GroupBy(_ => "all").Single()))
        {
            var all = group.Key == "all";
            sb.AppendLine(string.Create(c, $"| {(all ? "**all**" : group.Key)} | {group.Count()} | {group.Count(r => r.WeChat)} | {group.Count(r => r.ZXing)} | {group.Count(r => r.ZXing && !r.WeChat)} | {group.Count(r => r.WeChat && !r.ZXing)} | {group.Count(r => r.WeChat || r.ZXing)} |"));
        }

        var onlyZXing = rows.Where(r => r.ZXing && !r.WeChat).Select(r => r.Name).ToList();
        static double Median(IEnumerable<double> values) => values.Order().ElementAt(values.Count() / 2);
        sb.AppendLine();
        sb.AppendLine(string.Create(c, $"Read by ZXing.Net and missed by wechat_qrcode: {(onlyZXing.Count == 0 ? "none" : string.Join(", ", onlyZXing))}."));
        sb.AppendLine(string.Create(c, $"Decode time per file (median / mean / max): wechat_qrcode {Median(rows.Select(r => r.WeChatMs)):0} / {rows.Average(r => r.WeChatMs):0} / {rows.Max(r => r.WeChatMs):0} ms, ZXing.Net {Median(rows.Select(r => r.ZXingMs)):0} / {rows.Average(r => r.ZXingMs):0} / {rows.Max(r => r.ZXingMs):0} ms; ZXing on wechat_qrcode's misses (what the fallback adds): {Median(rows.Where(r => !r.WeChat).Select(r => r.ZXingMs)):0} ms median."));
        return sb.ToString();
    }
}
