using System.Globalization;
using System.Text;
using Photocollect.VisionLab;

namespace Photocollect.EndToEnd.Tests;

/// <summary>
/// A camera for Chromium made of a picture: written as a YUV4MPEG2 video (4:2:0, BT.601 studio range, the picture
/// repeated in every frame), which Chromium plays in a loop as its only camera with
/// <c>--use-fake-device-for-media-stream --use-file-for-fake-video-capture=FILE</c>; <c>--use-fake-ui-for-media-stream</c>
/// accepts the permission prompt as a person would.
/// </summary>
public sealed class FakeCamera : IDisposable
{
    private FakeCamera(string file) => File = file;

    /// <summary>The .y4m file.</summary>
    public string File { get; }

    /// <summary>Chromium's arguments for this camera.</summary>
    public string[] ChromiumArgs =>
    [
        "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", "--use-file-for-fake-video-capture=" + File,
    ];

    /// <summary>Writes <paramref name="picture"/> (even width and height) as a video of <paramref name="frames"/> frames in a temporary file.</summary>
    public static FakeCamera Of(Raster picture, int frames = 3)
    {
        ArgumentNullException.ThrowIfNull(picture);
        var file = Path.Combine(Path.GetTempPath(), $"photocollect-camera-{Guid.NewGuid():N}.y4m");
        using (var stream = System.IO.File.Create(file))
        {
            Write(stream, picture, frames);
        }

        return new FakeCamera(file);
    }

    /// <summary>The YUV4MPEG2 stream: the header line, then per frame <c>FRAME</c> and the Y, U and V planes (I420).</summary>
    public static void Write(Stream stream, Raster picture, int frames, int framesPerSecond = 10)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(picture);
        var (w, h) = (picture.Width, picture.Height);
        if (w % 2 != 0 || h % 2 != 0)
        {
            throw new ArgumentException("4:2:0 needs an even width and height.", nameof(picture));
        }

        var y = new byte[w * h];
        var u = new byte[w / 2 * (h / 2)];
        var v = new byte[u.Length];
        var bgr = picture.Bgr;
        for (var row = 0; row < h; row++)
        {
            for (var col = 0; col < w; col++)
            {
                var i = ((row * w) + col) * 3;
                y[(row * w) + col] = Clamp(16 + (((65.481 * bgr[i + 2]) + (128.553 * bgr[i + 1]) + (24.966 * bgr[i])) / 255));
            }
        }

        // Chroma of each 2×2 block from its mean colour.
        for (var row = 0; row < h / 2; row++)
        {
            for (var col = 0; col < w / 2; col++)
            {
                double r = 0, g = 0, b = 0;
                foreach (var (dy, dx) in new[] { (0, 0), (0, 1), (1, 0), (1, 1) })
                {
                    var i = ((((2 * row) + dy) * w) + (2 * col) + dx) * 3;
                    (b, g, r) = (b + bgr[i], g + bgr[i + 1], r + bgr[i + 2]);
                }

                (r, g, b) = (r / 4, g / 4, b / 4);
                u[(row * (w / 2)) + col] = Clamp(128 + (((-37.797 * r) - (74.203 * g) + (112.0 * b)) / 255));
                v[(row * (w / 2)) + col] = Clamp(128 + (((112.0 * r) - (93.786 * g) - (18.214 * b)) / 255));
            }
        }

        stream.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"YUV4MPEG2 W{w} H{h} F{framesPerSecond}:1 Ip A1:1 C420\n")));
        var marker = Encoding.ASCII.GetBytes("FRAME\n");
        for (var f = 0; f < frames; f++)
        {
            stream.Write(marker);
            stream.Write(y);
            stream.Write(u);
            stream.Write(v);
        }
    }

    /// <inheritdoc />
    public void Dispose() => System.IO.File.Delete(File);

    private static byte Clamp(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
}
