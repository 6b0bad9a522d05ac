using System.Globalization;
using System.IO.Compression;
using SkiaSharp;

namespace Photocollect.Delivery.Prints;

/// <summary>
/// Print sheets of students' photos (冲印排版) for a print shop, at the layout's resolution: each photo cropped to the
/// print size (centred, keeping the face's proportions), its caption (name, then student number) under it, and cut marks
/// at its corners. Sheets are filled row by row in the order the photos come; a last sheet not full stays white where
/// no photo is. Photos are read one at a time and at most one sheet is held, so thousands of photos stream through.
/// </summary>
public static class PrintSheets
{
    /// <summary>JPEG quality of the sheets and of the photos inside the PDF.</summary>
    public const int JpegQuality = 92;

    private static readonly SKColor CutMark = new(0x80, 0x80, 0x80);

    /// <summary>
    /// Writes the sheets as one PDF, a page per sheet of the sheet's physical size, the photos embedded at the layout's
    /// resolution (JPEG) and the captions as text. The output is written forward only, a page at a time (an HTTP
    /// response body will do). No photo at all gives one blank page, so the file is still a PDF.
    /// </summary>
    /// <returns>The number of sheets.</returns>
    public static async Task<int> WritePdfAsync(IAsyncEnumerable<PrintPhoto> photos, Stream output, PrintLayout layout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photos);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(layout);
        layout.Validate();
        _ = CaptionFont.Typeface; // a missing font fails here, before the first byte

        using var buffer = new PageBuffer();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = "Photocollect prints " + layout.Key,
            Creator = "Photocollect",
            Producer = "Photocollect",
            RasterDpi = layout.Dpi,
            EncodingQuality = JpegQuality,
        };
        using var document = SKDocument.CreatePdf(buffer, metadata)
            ?? throw new InvalidOperationException("SkiaSharp could not start a PDF document.");
        var sheets = 0;
        try
        {
            SKCanvas? page = null;
            var cell = 0;
            await foreach (var photo in photos.WithCancellation(cancellationToken))
            {
                if (page is null)
                {
                    page = BeginPage(document, layout);
                    sheets++;
                }

                // The photo goes in as an image of exactly its printed pixels, so the PDF carries it at the layout's dpi.
                var (x, y, width, height) = layout.PhotoBounds(cell);
                using (var printed = Rasterize(photo, width, height))
                {
                    page.DrawImage(printed, x, y);
                }

                DrawCaptionAndMarks(page, layout, cell, photo);
                if (++cell == layout.PhotosPerSheet)
                {
                    document.EndPage();
                    page = null;
                    cell = 0;
                    await buffer.DrainToAsync(output, cancellationToken);
                }
            }

            if (sheets == 0)
            {
                page = BeginPage(document, layout);
                sheets = 1;
            }

            if (page is not null)
            {
                document.EndPage();
            }

            document.Close();
        }
        catch
        {
            document.Abort();
            throw;
        }

        await buffer.DrainToAsync(output, cancellationToken);
        return sheets;
    }

    /// <summary>
    /// Writes each sheet as a JPEG (quality <see cref="JpegQuality"/>, the layout's dpi in its JFIF header) into
    /// <paramref name="zip"/> as <c>{folder}/sheet-001.jpg</c>, <c>sheet-002.jpg</c>, … (stored, not compressed again).
    /// The archive stays open: the caller owns it and may add more.
    /// </summary>
    /// <returns>The number of sheets.</returns>
    public static async Task<int> WriteJpegPagesAsync(IAsyncEnumerable<PrintPhoto> photos, ZipArchive zip, string folder, PrintLayout layout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(photos);
        ArgumentNullException.ThrowIfNull(zip);
        ArgumentNullException.ThrowIfNull(layout);
        layout.Validate();
        _ = CaptionFont.Typeface;

        var prefix = (folder ?? "").Trim('/') is { Length: > 0 } f ? f + "/" : "";
        using var surface = SKSurface.Create(new SKImageInfo(layout.SheetWidth, layout.SheetHeight, SKColorType.Rgba8888, SKAlphaType.Opaque))
            ?? throw new InvalidOperationException($"SkiaSharp could not make a {layout.SheetWidth} × {layout.SheetHeight} px sheet.");
        var sheet = surface.Canvas;
        var sheets = 0;
        var cell = 0;
        await foreach (var photo in photos.WithCancellation(cancellationToken))
        {
            if (cell == 0)
            {
                sheet.Clear(SKColors.White);
            }

            var (x, y, width, height) = layout.PhotoBounds(cell);
            using (var source = Decode(photo))
            {
                DrawCropped(sheet, source, SKRect.Create(x, y, width, height));
            }

            DrawCaptionAndMarks(sheet, layout, cell, photo);
            if (++cell == layout.PhotosPerSheet)
            {
                await WriteSheetAsync(zip, $"{prefix}sheet-{++sheets:000}.jpg", surface, layout.Dpi, cancellationToken);
                cell = 0;
            }
        }

        if (cell > 0)
        {
            await WriteSheetAsync(zip, $"{prefix}sheet-{++sheets:000}.jpg", surface, layout.Dpi, cancellationToken);
        }

        return sheets;
    }

    private static SKCanvas BeginPage(SKDocument document, PrintLayout layout)
    {
        var page = document.BeginPage(layout.SheetWidthPoints, layout.SheetHeightPoints);
        page.Scale(72f / layout.Dpi); // draw in the sheet's pixels
        return page;
    }

    private static async Task WriteSheetAsync(ZipArchive zip, string name, SKSurface surface, int dpi, CancellationToken cancellationToken)
    {
        byte[] jpeg;
        using (var image = surface.Snapshot())
        using (var data = image.Encode(SKEncodedImageFormat.Jpeg, JpegQuality))
        {
            jpeg = JfifDensity.Set(data.ToArray(), dpi);
        }

        var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await stream.WriteAsync(jpeg, cancellationToken);
    }

    private static SKImage Decode(PrintPhoto photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        return (photo.Jpeg is { Length: > 0 } ? SKImage.FromEncodedData(photo.Jpeg) : null)
            ?? throw new InvalidDataException($"The photo of student {photo.StudentNumber} ({photo.Name}) is not an image that can be read.");
    }

    private static SKImage Rasterize(PrintPhoto photo, int width, int height)
    {
        using var source = Decode(photo);
        // No alpha channel: Skia's PDF writer gives an image with any transparency a second image as its mask.
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgb888x, SKAlphaType.Opaque))
            ?? throw new InvalidOperationException($"SkiaSharp could not make a {width} × {height} px photo.");
        surface.Canvas.Clear(SKColors.White);
        DrawCropped(surface.Canvas, source, SKRect.Create(width, height));
        return surface.Snapshot();
    }

    // Fills the print size from the photo's middle: a 3:4 standard photo loses a sliver at each side for 25 × 35 mm.
    private static void DrawCropped(SKCanvas canvas, SKImage source, SKRect target)
    {
        var scale = Math.Max(target.Width / source.Width, target.Height / source.Height);
        var (width, height) = (target.Width / scale, target.Height / scale);
        var crop = SKRect.Create((source.Width - width) / 2, (source.Height - height) / 2, width, height);
        // Cubic for the usual reduction (480 × 640 to 295 × 413); mipmaps when a large photo shrinks more than half.
        var sampling = scale >= 0.5f ? new SKSamplingOptions(SKCubicResampler.Mitchell) : new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
        canvas.DrawImage(source, crop, target, sampling);
    }

    private static void DrawCaptionAndMarks(SKCanvas canvas, PrintLayout layout, int cell, PrintPhoto photo)
    {
        var caption = layout.CaptionBounds(cell);
        var top = caption.Y + layout.CaptionGap;
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        DrawLine(canvas, ink, photo.Name, caption.X, caption.Width, top, layout.NameSize);
        DrawLine(canvas, ink, photo.StudentNumber, caption.X, caption.Width, top + (layout.NameSize * 1.15f), layout.NumberSize);
        DrawCutMarks(canvas, layout, cell);
    }

    // One caption line, centred; a line too wide is set smaller, down to three quarters, then cut with an ellipsis.
    private static void DrawLine(SKCanvas canvas, SKPaint ink, string? text, float left, float width, float top, float size)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        using var font = new SKFont(CaptionFont.Typeface, size) { Edging = SKFontEdging.Antialias, Subpixel = true, Hinting = SKFontHinting.None };
        var measured = font.MeasureText(text);
        if (measured > width)
        {
            font.Size = Math.Max(size * 0.75f, size * width / measured);
            text = Shorten(text, font, width);
            measured = font.MeasureText(text);
        }

        // CJK glyphs fill an em box reaching 0.88 em above the baseline; half the 15 % leading goes above it.
        var baseline = top + (size * (0.075f + 0.88f));
        canvas.DrawText(text, left + ((width - measured) / 2), baseline, font, ink);
    }

    private static string Shorten(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }

        // Whole text elements only, so a name with a character outside the BMP is never cut in half.
        var ends = StringInfo.ParseCombiningCharacters(text);
        for (var count = ends.Length - 1; count > 0; count--)
        {
            var shorter = text[..ends[count]] + "…";
            if (font.MeasureText(shorter) <= width)
            {
                return shorter;
            }
        }

        return "…";
    }

    // Crop marks at the photo's four corners, a little off them and no further than halfway across the gutter, so
    // neighbours' marks never meet; the ones down from the bottom corners run beside the caption, which is inset.
    private static void DrawCutMarks(SKCanvas canvas, PrintLayout layout, int cell)
    {
        var (x, y, width, height) = layout.PhotoBounds(cell);
        var offset = Math.Max(2, layout.Dpi / 100f);
        var length = layout.Dpi * 1.5f / 25.4f;
        var across = Math.Min(length, (layout.GapX / 2f) - offset);
        var up = Math.Min(length, (layout.GapY / 2f) - offset);
        var down = Math.Min(length, layout.CaptionHeight - offset);
        using var pen = new SKPaint { Color = CutMark, StrokeWidth = Math.Max(1, layout.Dpi / 300f), IsAntialias = false, Style = SKPaintStyle.Stroke };

        // Lines on the pixel rows and columns just outside the photo.
        float left = x - 0.5f, right = x + width + 0.5f, topEdge = y - 0.5f, bottom = y + height + 0.5f;
        foreach (var edgeY in new[] { topEdge, bottom })
        {
            canvas.DrawLine(left - offset - across, edgeY, left - offset, edgeY, pen);
            canvas.DrawLine(right + offset, edgeY, right + offset + across, edgeY, pen);
        }

        foreach (var edgeX in new[] { left, right })
        {
            canvas.DrawLine(edgeX, topEdge - offset - up, edgeX, topEdge - offset, pen);
            canvas.DrawLine(edgeX, bottom + offset, edgeX, bottom + offset + down, pen);
        }
    }
}
