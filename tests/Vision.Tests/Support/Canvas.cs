namespace Photocollect.Vision.Tests.Support;

/// <summary>Homographies for placing an image on a larger canvas: scale, rotate, move, tilt.</summary>
public static class Canvas
{
    /// <summary>
    /// Maps a <paramref name="width"/>×<paramref name="height"/> image so its centre lands at (cx, cy), scaled and
    /// rotated by <paramref name="degrees"/>; <paramref name="tiltX"/>/<paramref name="tiltY"/> add perspective
    /// (small values, e.g. 0.0005).
    /// </summary>
    public static double[] Place(int width, int height, double cx, double cy, double degrees, double scale, double tiltX = 0, double tiltY = 0)
    {
        var t = degrees * Math.PI / 180;
        var (c, s) = (Math.Cos(t) * scale, Math.Sin(t) * scale);
        // Centre the source at the origin, apply perspective, then rotate+scale and move.
        double[] centre = [1, 0, -width / 2.0, 0, 1, -height / 2.0, 0, 0, 1];
        double[] tilt = [1, 0, 0, 0, 1, 0, tiltX, tiltY, 1];
        double[] rotate = [c, -s, cx, s, c, cy, 0, 0, 1];
        return Multiply(rotate, Multiply(tilt, centre));
    }

    /// <summary>Copies <paramref name="image"/> into a packed BGR canvas at (x, y).</summary>
    public static void Paste(byte[] canvas, int canvasWidth, VisionImage image, int x, int y)
    {
        var pixels = image.ToBgr();
        for (var row = 0; row < image.Height; row++)
        {
            Array.Copy(pixels, row * image.Width * 3, canvas, (((y + row) * canvasWidth) + x) * 3, image.Width * 3);
        }
    }

    private static double[] Multiply(double[] a, double[] b)
    {
        var r = new double[9];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                r[(i * 3) + j] = (a[i * 3] * b[j]) + (a[(i * 3) + 1] * b[3 + j]) + (a[(i * 3) + 2] * b[6 + j]);
            }
        }

        return r;
    }
}
