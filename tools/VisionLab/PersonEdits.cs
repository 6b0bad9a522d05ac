namespace Photocollect.VisionLab;

/// <summary>Changes to a cut-out person before placing: a loose cut that keeps the portrait's own background, dyed hair.</summary>
public static class PersonEdits
{
    /// <summary>
    /// A loose cut-out, as a student's cut-out app or a quick lasso leaves it: the person's coverage grown by a margin
    /// (a tenth of the face width around the head, up to 0.4 of it beside the shoulders, where the portrait's flag
    /// and props touch the person), so the portrait's own background comes along with the person.
    /// </summary>
    public static Person Loosen(Person person)
    {
        var (w, h) = (person.Image.Width, person.Image.Height);
        var jaw = person.JawWidth;
        var chin = person.Chin.Y;
        int Radius(int y) => (int)(jaw * (y < chin ? 0.1 : 0.1 + (0.3 * Math.Min(1, (y - chin) / (0.6 * jaw)))));
        var across = new float[w * h];
        for (var y = 0; y < h; y++)
        {
            var r = Radius(y);
            for (var x = 0; x < w; x++)
            {
                var most = 0f;
                for (var k = Math.Max(0, x - r); k <= Math.Min(w - 1, x + r); k++)
                {
                    most = Math.Max(most, person.Alpha[(y * w) + k]);
                }

                across[(y * w) + x] = most;
            }
        }

        var grown = new float[w * h];
        for (var y = 0; y < h; y++)
        {
            var r = Radius(y);
            for (var x = 0; x < w; x++)
            {
                var most = 0f;
                for (var k = Math.Max(0, y - r); k <= Math.Min(h - 1, y + r); k++)
                {
                    most = Math.Max(most, across[(k * w) + x]);
                }

                grown[(y * w) + x] = most;
            }
        }

        return person with { Alpha = grown };
    }

    /// <summary>
    /// Hair dyed black (most students' hair): the person's pixels above the brows that are unlike the cheeks' skin,
    /// darkened to a fifth, texture kept. The astronaut's fringe over the forehead becomes black bangs.
    /// </summary>
    public static Person DarkHair(Person person)
    {
        var image = new Raster(person.Image.Width, person.Image.Height);
        Array.Copy(person.Image.Bgr, image.Bgr, image.Bgr.Length);
        var l = person.Landmarks;
        var (sb, sg, sr) = (0.0, 0.0, 0.0);
        foreach (var p in new[] { person.Mid(1, 3), person.Mid(13, 15), l[29] })
        {
            var i = (((int)p.Y * image.Width) + (int)p.X) * 3;
            (sb, sg, sr) = (sb + image.Bgr[i], sg + image.Bgr[i + 1], sr + image.Bgr[i + 2]);
        }

        (sb, sg, sr) = (sb / 3, sg / 3, sr / 3);
        // Hair: above the brows, and beside the face down to the mouth (outside the jaw line).
        var brows = Math.Min(person.Mid(17, 21).Y, person.Mid(22, 26).Y) - (0.08 * person.JawWidth);
        var mouth = person.Mid(48, 59).Y;
        for (var y = 0; y < (int)mouth; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var i = ((y * image.Width) + x) * 3;
                var beside = x < Math.Min(l[0].X, l[17].X) || x > Math.Max(l[16].X, l[26].X);
                if (person.Alpha[(y * image.Width) + x] < 0.05f || (y >= brows && !beside))
                {
                    continue;
                }

                var (b, g, r) = (image.Bgr[i], image.Bgr[i + 1], image.Bgr[i + 2]);
                // Skin is pinker than blond hair: red well above green and blue, as on the cheeks.
                var skin = r - g > 0.7 * (sr - sg) && r - b > 0.7 * (sr - sb);
                if (!skin)
                {
                    (image.Bgr[i], image.Bgr[i + 1], image.Bgr[i + 2]) = ((byte)(12 + (b * 0.12)), (byte)(12 + (g * 0.12)), (byte)(14 + (r * 0.13)));
                }
            }
        }

        return person with { Image = image };
    }
}
