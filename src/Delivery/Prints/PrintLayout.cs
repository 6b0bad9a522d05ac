namespace Photocollect.Delivery.Prints;

/// <summary>
/// How photos sit on a print sheet, in pixels at <paramref name="Dpi"/>: the sheet, the photo, and a grid of
/// <paramref name="Columns"/> × <paramref name="Rows"/> photos, each with its caption (name, student number) under it.
/// The space left over is shared equally between the sheet's edges and the gutters, where the cut marks are.
/// </summary>
/// <param name="Key">A stable name for forms and settings, e.g. <c>5in-8x1in</c>.</param>
/// <param name="SheetWidth">Sheet width, px.</param>
/// <param name="SheetHeight">Sheet height, px.</param>
/// <param name="PhotoWidth">Printed photo width, px (a one-inch photo is 25 mm: 295 px at 300 dpi).</param>
/// <param name="PhotoHeight">Printed photo height, px (a one-inch photo is 35 mm: 413 px at 300 dpi).</param>
/// <param name="Columns">Photos across.</param>
/// <param name="Rows">Photos down.</param>
/// <param name="Dpi">Pixels per inch of the sheet.</param>
public sealed record PrintLayout(string Key, int SheetWidth, int SheetHeight, int PhotoWidth, int PhotoHeight, int Columns, int Rows, int Dpi = 300)
{
    /// <summary>A 5-inch sheet (5 × 3.5 in, landscape) of 8 one-inch photos (25 × 35 mm), 4 across, 2 down.</summary>
    public static readonly PrintLayout FiveInchEightOneInch = new("5in-8x1in", 1500, 1050, 295, 413, 4, 2);

    /// <summary>A 6-inch sheet (6 × 4 in, landscape) of 10 one-inch photos, 5 across, 2 down.</summary>
    public static readonly PrintLayout SixInchTenOneInch = new("6in-10x1in", 1800, 1200, 295, 413, 5, 2);

    /// <summary>
    /// A 6-inch sheet (4 × 6 in, portrait) of 4 two-inch photos (35 × 49 mm), 2 by 2: with captions, two rows of
    /// two-inch photos do not fit the landscape sheet's 4 inches.
    /// </summary>
    public static readonly PrintLayout SixInchFourTwoInch = new("6in-4x2in", 1200, 1800, 413, 579, 2, 2);

    /// <summary>The layouts a school can choose from, the default first.</summary>
    public static IReadOnlyList<PrintLayout> Presets { get; } = [FiveInchEightOneInch, SixInchTenOneInch, SixInchFourTwoInch];

    /// <summary>The preset with this key, or null.</summary>
    public static PrintLayout? Find(string? key) => Presets.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.Ordinal));

    /// <summary>Photos on a full sheet.</summary>
    public int PhotosPerSheet => Columns * Rows;

    /// <summary>The sheet's width in PDF points (1/72 in).</summary>
    public float SheetWidthPoints => SheetWidth * 72f / Dpi;

    /// <summary>The sheet's height in PDF points (1/72 in).</summary>
    public float SheetHeightPoints => SheetHeight * 72f / Dpi;

    // Caption type sizes in points: about 2.5 mm and 2.1 mm high in print, read at arm's length.
    internal float NameSize => Points(7);

    internal float NumberSize => Points(6);

    // A 1 mm gap under the photo, then the name line and the number line (the CJK em box plus 15 % leading).
    internal int CaptionGap => (int)MathF.Round(Dpi / 25.4f);

    internal int CaptionHeight => CaptionGap + (int)MathF.Ceiling((NameSize + NumberSize) * 1.15f);

    // The caption stays this far inside the photo's width, clear of the cut marks on the photo's edges.
    internal int CaptionInset => Math.Max(2, Dpi / 75);

    internal int GapX => (SheetWidth - (Columns * PhotoWidth)) / (Columns + 1);

    internal int GapY => (SheetHeight - (Rows * (PhotoHeight + CaptionHeight))) / (Rows + 1);

    /// <summary>The photo's place on the sheet (cells are filled row by row, left to right), px.</summary>
    public (int X, int Y, int Width, int Height) PhotoBounds(int cell)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cell);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cell, PhotosPerSheet);
        var (row, column) = Math.DivRem(cell, Columns);
        // Whole-pixel gutters leave a few pixels over: half of them go before the first column and row.
        var left = (SheetWidth - (Columns * PhotoWidth) - ((Columns + 1) * GapX)) / 2;
        var top = (SheetHeight - (Rows * (PhotoHeight + CaptionHeight)) - ((Rows + 1) * GapY)) / 2;
        return (left + GapX + (column * (PhotoWidth + GapX)), top + GapY + (row * (PhotoHeight + CaptionHeight + GapY)), PhotoWidth, PhotoHeight);
    }

    /// <summary>Where the caption of a cell is written: under the photo, no wider than the photo, px.</summary>
    public (int X, int Y, int Width, int Height) CaptionBounds(int cell)
    {
        var photo = PhotoBounds(cell);
        return (photo.X + CaptionInset, photo.Y + photo.Height, photo.Width - (2 * CaptionInset), CaptionHeight);
    }

    /// <summary>Throws when the layout is not usable: sizes not positive, or the photos and captions overflow the sheet.</summary>
    public void Validate()
    {
        if (SheetWidth <= 0 || SheetHeight <= 0 || PhotoWidth <= 0 || PhotoHeight <= 0 || Columns <= 0 || Rows <= 0 || Dpi < 72)
        {
            throw new ArgumentException($"Print layout {Key}: sizes and counts must be positive and the resolution at least 72 dpi.");
        }

        // Gutters and edges of at least 1.5 mm: room to cut between photos, for the cut marks, and for a printer's margin.
        var least = (int)MathF.Ceiling(Dpi * 1.5f / 25.4f);
        if (GapX < least || GapY < least)
        {
            throw new ArgumentException(
                $"Print layout {Key}: {Columns} × {Rows} photos of {PhotoWidth} × {PhotoHeight} px with {CaptionHeight} px captions " +
                $"do not fit a {SheetWidth} × {SheetHeight} px sheet with gutters of at least {least} px (1.5 mm).");
        }
    }

    private float Points(float points) => points * Dpi / 72f;
}
