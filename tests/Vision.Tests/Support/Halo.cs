namespace Photocollect.Vision.Tests.Support;

/// <summary>Measures a pale rim between a person and a new background in the head's upper half.</summary>
public static class Halo
{
    /// <summary>
    /// Of the pixels within 3 px outside the person (see <see cref="PersonMask"/>) above the image's middle, the
    /// fraction that is pale: lighter and greyer than the blue (each channel over 180).
    /// </summary>
    public static double Fraction(byte[] bgr, bool[] person, int width, int height)
    {
        int rim = 0, pale = 0;
        for (var y = 3; y < height / 2; y++)
        {
            for (var x = 3; x < width - 3; x++)
            {
                var i = (y * width) + x;
                if (person[i] || !NearPerson(person, width, x, y, 3))
                {
                    continue;
                }

                rim++;
                if (bgr[i * 3] > 180 && bgr[(i * 3) + 1] > 180 && bgr[(i * 3) + 2] > 180)
                {
                    pale++;
                }
            }
        }

        return rim == 0 ? 0 : (double)pale / rim;
    }

    /// <summary>A copy with a 2-pixel rim of <paramref name="colour"/> drawn just outside the person.</summary>
    public static byte[] DrawRim(byte[] bgr, bool[] person, int width, int height, (byte R, byte G, byte B) colour)
    {
        var copy = (byte[])bgr.Clone();
        for (var y = 2; y < height - 2; y++)
        {
            for (var x = 2; x < width - 2; x++)
            {
                var i = (y * width) + x;
                if (!person[i] && NearPerson(person, width, x, y, 2))
                {
                    (copy[i * 3], copy[(i * 3) + 1], copy[(i * 3) + 2]) = (colour.B, colour.G, colour.R);
                }
            }
        }

        return copy;
    }

    /// <summary>The person: pixels far from the background colour.</summary>
    public static bool[] PersonMask(byte[] bgr, int width, int height, (byte R, byte G, byte B) background)
    {
        var mask = new bool[width * height];
        for (var i = 0; i < mask.Length; i++)
        {
            var d = Math.Abs(bgr[i * 3] - background.B) + Math.Abs(bgr[(i * 3) + 1] - background.G) + Math.Abs(bgr[(i * 3) + 2] - background.R);
            mask[i] = d > 90;
        }

        return mask;
    }

    private static bool NearPerson(bool[] person, int width, int x, int y, int reach)
    {
        for (var dy = -reach; dy <= reach; dy++)
        {
            for (var dx = -reach; dx <= reach; dx++)
            {
                if (person[((y + dy) * width) + x + dx])
                {
                    return true;
                }
            }
        }

        return false;
    }
}
