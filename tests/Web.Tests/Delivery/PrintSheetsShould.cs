using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Photocollect.Delivery.Prints;
using Photocollect.Vision;
using Faces = Photocollect.Web.Tests.TestKit.Faces;
using SkiaSharp;

namespace Photocollect.Web.Tests.Delivery;

/// <summary>
/// Print sheets as a print shop gets them: pages of the sheet's physical size at 300 dpi, photos in their cells in
/// order, captions under them that never run into the neighbour's column. Pixels are read back from the JPEG pages;
/// the PDF is read as text (page objects, media boxes, image sizes).
/// </summary>
public sealed partial class PrintSheetsShould
{
    private static readonly PrintLayout Default = PrintLayout.FiveInchEightOneInch;

    [Fact]
    public async Task PutNineteenPhotosOnThreePdfPagesOfTheSheetsSize()
    {
        var photos = Coloured(19);
        var output = new ResponseBody();

        var sheets = await PrintSheets.WritePdfAsync(Stream(photos), output, Default, CancellationToken.None);

        var pdf = Encoding.Latin1.GetString(output.ToArray());
        Assert.Equal(3, sheets);
        Assert.StartsWith("%PDF-", pdf, StringComparison.Ordinal);
        Assert.EndsWith("%%EOF", pdf.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(3, PageObject().Count(pdf));
        // 5 × 3.5 in is 360 × 252 pt, on every page.
        Assert.Equal(["0 0 360 252", "0 0 360 252", "0 0 360 252"], MediaBox().Matches(pdf).Select(m => m.Groups[1].Value));
        // Each photo is in the file at its printed size in pixels: 25 × 35 mm at 300 dpi.
        var images = ImageObject().Matches(pdf).Select(m => (Width: int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), Height: int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(19, images.Count);
        Assert.All(images, i => Assert.Equal((295, 413), i));
    }

    [Fact]
    public async Task MakePdfPagesOfTheOtherPresetsSize()
    {
        var output = new ResponseBody();

        var sheets = await PrintSheets.WritePdfAsync(Stream(Coloured(5)), output, PrintLayout.SixInchFourTwoInch, CancellationToken.None);

        var pdf = Encoding.Latin1.GetString(output.ToArray());
        Assert.Equal(2, sheets);
        Assert.Equal(["0 0 288 432", "0 0 288 432"], MediaBox().Matches(pdf).Select(m => m.Groups[1].Value)); // 4 × 6 in
        Assert.All(ImageObject().Matches(pdf), m => Assert.Equal(("413", "579"), (m.Groups[1].Value, m.Groups[2].Value)));
    }

    [Fact]
    public async Task PutNineteenPhotosOnThreeJpegSheetsOf1500By1050At300Dpi()
    {
        var pages = await JpegPagesAsync(Coloured(19), Default);

        Assert.Equal(["prints/sheet-001.jpg", "prints/sheet-002.jpg", "prints/sheet-003.jpg"], pages.Keys);
        foreach (var jpeg in pages.Values)
        {
            Assert.Equal((300, 300), JfifDotsPerInch(jpeg));
            using var sheet = SKBitmap.Decode(jpeg);
            Assert.Equal((1500, 1050), (sheet.Width, sheet.Height));
        }
    }

    [Fact]
    public async Task FillTheCellsRowByRowAndLeaveTheLastSheetsRestWhite()
    {
        var photos = Coloured(19);

        var pages = (await JpegPagesAsync(photos, Default)).Values.ToList();

        // Sampled at the middle of each eighth of the sheet (4 across, 2 down), which a 295 × 413 photo covers
        // wherever the gutters are; then at the corners of the photo's own place, which it fills (no white bands).
        for (var n = 0; n < 24; n++)
        {
            var (page, cell) = Math.DivRem(n, 8);
            using var sheet = SKBitmap.Decode(pages[page]);
            var (row, column) = Math.DivRem(cell, 4);
            var middle = sheet.GetPixel((int)(1500 * (column + 0.5) / 4), (int)(1050 * (row + 0.5) / 2));
            var expected = n < photos.Count ? Colour(n) : SKColors.White;
            Assert.True(Near(expected, middle), $"sheet {page + 1}, cell {cell}: {middle}, expected {expected}");
            if (n < photos.Count)
            {
                var (x, y, width, height) = Default.PhotoBounds(cell);
                // 5 px in: fitting 480 × 640 inside 295 × 413 instead of filling it would leave 10 px white bands. Chroma
                // subsampling blurs colour next to the white gutter, hence the wider tolerance.
                foreach (var (px, py) in new[] { (x + 5, y + 5), (x + width - 6, y + 5), (x + 5, y + height - 6), (x + width - 6, y + height - 6) })
                {
                    Assert.True(Near(expected, sheet.GetPixel(px, py), 24), $"sheet {page + 1}, cell {cell} at {px},{py}: {sheet.GetPixel(px, py)}");
                }
            }
        }
    }

    [Fact]
    public void KeepEveryPresetsPhotosAndCaptionsApartAndOnTheSheet()
    {
        foreach (var layout in PrintLayout.Presets)
        {
            layout.Validate();
            var boxes = Enumerable.Range(0, layout.PhotosPerSheet)
                .SelectMany(cell => new[] { layout.PhotoBounds(cell), layout.CaptionBounds(cell) })
                .Select(b => SKRectI.Create(b.X, b.Y, b.Width, b.Height)).ToList();
            Assert.All(boxes, b => Assert.True(b.Left > 0 && b.Top > 0 && b.Right < layout.SheetWidth && b.Bottom < layout.SheetHeight, $"{layout.Key}: {b}"));
            for (var i = 0; i < boxes.Count; i++)
            {
                for (var j = i + 1; j < boxes.Count; j++)
                {
                    var (a, b) = (boxes[i], boxes[j]);
                    var overlap = a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom;
                    Assert.False(overlap, $"{layout.Key}: {a} and {b} overlap");
                }
            }
        }

        Assert.Throws<ArgumentException>(() => (Default with { Columns = 5 }).Validate());
        Assert.Equal(PrintLayout.SixInchFourTwoInch, PrintLayout.Find("6in-4x2in"));
    }

    [Fact]
    public async Task WriteTheCaptionUnderThePhotoAndNothingWhenThereIsNone()
    {
        var photo = Coloured(1)[0];
        var captioned = await FirstSheetAsync(photo with { Name = "欧阳娜娜", StudentNumber = "2020123456" });
        var blank = await FirstSheetAsync(photo with { Name = "", StudentNumber = "" });

        var (x, y, width, height) = Default.PhotoBounds(0);
        // The caption's two lines: the name, then the number, each with ink in it.
        var nameBand = SKRectI.Create(x, y + height + 4, width, 40);
        var numberBand = SKRectI.Create(x, y + height + 44, width, 34);
        Assert.True(Dark(captioned, nameBand) > 200, $"name: {Dark(captioned, nameBand)} dark pixels");
        Assert.True(Dark(captioned, numberBand) > 150, $"number: {Dark(captioned, numberBand)} dark pixels");
        Assert.Equal(0, Dark(blank, SKRectI.Create(x, y + height + 1, width, 80)));

        // In the PDF the caption is text in the caption font; without a caption there is no font at all.
        var withText = await PdfTextAsync(photo with { Name = "欧阳娜娜", StudentNumber = "2020123456" });
        var withoutText = await PdfTextAsync(photo with { Name = "", StudentNumber = "" });
        Assert.Contains("NotoSansCJKsc", withText, StringComparison.Ordinal);
        Assert.DoesNotContain("/Font", withoutText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeepALongNameInsideItsColumn()
    {
        // The neighbours have no caption, so any ink in the caption row outside the middle column is the long name's.
        var photos = Coloured(3).Select(p => p with { Name = "", StudentNumber = "" }).ToList();
        photos[1] = photos[1] with { Name = "阿卜杜热合曼·买买提明·艾合买提江·吐尔逊·阿不都热西提" + "依明" };
        Assert.Equal(30, photos[1].Name.Length);

        using var sheet = SKBitmap.Decode((await JpegPagesAsync(photos, Default)).Values.Single());

        var (x, y, width, height) = Default.PhotoBounds(1);
        var left = SKRectI.Create(0, y + height + 1, x, 90);
        var right = SKRectI.Create(x + width, y + height + 1, 1500 - (x + width), 90);
        Assert.Equal(0, Dark(sheet, left));
        Assert.Equal(0, Dark(sheet, right));
        // The ink reaches near both sides of the column: the name was fitted and cut, not dropped.
        Assert.True(Dark(sheet, SKRectI.Create(x, y + height + 4, 40, 40)) > 0, "no ink at the name's start");
        Assert.True(Dark(sheet, SKRectI.Create(x + width - 40, y + height + 4, 40, 40)) > 0, "no ink at the name's end");
    }

    [Fact]
    public async Task PrintARealStandardPhotoCroppedNotStretched()
    {
        var standard = StandardPhoto.Create(Faces.GoodPhoto()).Jpeg;
        Assert.NotNull(standard);
        using var original = SKBitmap.Decode(standard);
        Assert.Equal((480, 640), (original.Width, original.Height));

        using var sheet = SKBitmap.Decode((await JpegPagesAsync([new PrintPhoto("张三", "2020000001", standard)], Default)).Values.Single());

        // 480 × 640 becomes 295 × 413 by one scale (413 / 640) and a centred crop of the sides: rows keep their place.
        var (x, y, width, height) = Default.PhotoBounds(0);
        var scale = 413.0 / 640;
        var cropped = (480 - (295 / scale)) / 2;
        var differences = new List<double>();
        for (var py = 10; py < height - 10; py += 17)
        {
            for (var px = 10; px < width - 10; px += 17)
            {
                var printed = sheet.GetPixel(x + px, y + py);
                var source = original.GetPixel((int)(cropped + (px / scale)), (int)(py / scale));
                differences.Add(Math.Abs(Luma(printed) - Luma(source)));
            }
        }

        Assert.True(differences.Average() < 8, $"mean difference {differences.Average():F1}");
    }

    [Fact]
    public async Task MakeAValidPdfOfOneBlankSheetAndNoJpegsFromNoPhotos()
    {
        var output = new ResponseBody();
        Assert.Equal(1, await PrintSheets.WritePdfAsync(Stream([]), output, Default, CancellationToken.None));
        Assert.Equal(1, PageObject().Count(Encoding.Latin1.GetString(output.ToArray())));

        Assert.Empty(await JpegPagesAsync([], Default));
    }

    [Fact]
    public async Task NameTheStudentWhosePhotoCannotBeRead()
    {
        var photos = Coloured(2);
        photos[1] = photos[1] with { StudentNumber = "2020999999", Jpeg = [0xFF, 0xD8, 1, 2, 3] };

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => JpegPagesAsync(photos, Default));
        Assert.Contains("2020999999", e.Message, StringComparison.Ordinal);
    }

    private static SKColor Colour(int n) => SKColor.FromHsv(n * 360f / 19 % 360, 80, n % 2 == 0 ? 85 : 55);

    // Standard-size JPEGs of plain, different colours.
    private static List<PrintPhoto> Coloured(int count) => [.. Enumerable.Range(0, count).Select(n =>
    {
        using var bitmap = new SKBitmap(480, 640);
        bitmap.Erase(Colour(n));
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
        return new PrintPhoto($"学生{n}", $"2020{n:000000}", data.ToArray());
    })];

    private static async IAsyncEnumerable<PrintPhoto> Stream(IEnumerable<PrintPhoto> photos, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var photo in photos)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return photo;
        }
    }

    private static async Task<SortedDictionary<string, byte[]>> JpegPagesAsync(IEnumerable<PrintPhoto> photos, PrintLayout layout)
    {
        var body = new ResponseBody(synchronousWrites: true);
        await using (var zip = new ZipArchive(body, ZipArchiveMode.Create, leaveOpen: true))
        {
            await PrintSheets.WriteJpegPagesAsync(Stream(photos), zip, "prints", layout, CancellationToken.None);
        }

        var pages = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        await using var read = new ZipArchive(new MemoryStream(body.ToArray()), ZipArchiveMode.Read);
        foreach (var entry in read.Entries)
        {
            await using var stream = await entry.OpenAsync();
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            pages[entry.FullName] = copy.ToArray();
        }

        return pages;
    }

    private static async Task<SKBitmap> FirstSheetAsync(PrintPhoto photo) =>
        SKBitmap.Decode((await JpegPagesAsync([photo], Default)).Values.Single());

    private static async Task<string> PdfTextAsync(PrintPhoto photo)
    {
        var output = new ResponseBody();
        await PrintSheets.WritePdfAsync(Stream([photo]), output, Default, CancellationToken.None);
        return Encoding.Latin1.GetString(output.ToArray());
    }

    // The JFIF header's density, in dots per inch (units 1), read here rather than by the code under test.
    private static (int, int)? JfifDotsPerInch(byte[] jpeg)
    {
        if (jpeg is not [0xFF, 0xD8, 0xFF, 0xE0, _, _, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, ..] || jpeg[13] != 1)
        {
            return null;
        }

        return ((jpeg[14] << 8) | jpeg[15], (jpeg[16] << 8) | jpeg[17]);
    }

    private static bool Near(SKColor expected, SKColor actual, int tolerance = 12) =>
        Math.Abs(expected.Red - actual.Red) <= tolerance && Math.Abs(expected.Green - actual.Green) <= tolerance
        && Math.Abs(expected.Blue - actual.Blue) <= tolerance;

    private static double Luma(SKColor c) => (0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue);

    // Text ink, not the grey cut marks (128) nor JPEG's ringing round them.
    private static int Dark(SKBitmap sheet, SKRectI area)
    {
        var count = 0;
        for (var y = area.Top; y < area.Bottom; y++)
        {
            for (var x = area.Left; x < area.Right; x++)
            {
                count += Luma(sheet.GetPixel(x, y)) < 90 ? 1 : 0;
            }
        }

        return count;
    }

    [GeneratedRegex(@"/Type\s*/Page(?![A-Za-z])")]
    private static partial Regex PageObject();

    [GeneratedRegex(@"/MediaBox\s*\[\s*([\d.]+ [\d.]+ [\d.]+ [\d.]+)\s*\]")]
    private static partial Regex MediaBox();

    [GeneratedRegex(@"/Subtype\s*/Image\s*/Width\s+(\d+)\s*/Height\s+(\d+)")]
    private static partial Regex ImageObject();

    // An HTTP response body as Kestrel gives it: no seeking, no position, and no synchronous writes unless allowed.
    // ZipArchive in .NET 10 writes an entry's data descriptor synchronously when the entry's stream is disposed, even
    // through DisposeAsync, so the ZIP tests allow them (the caller owns the archive and its stream).
    private sealed class ResponseBody(bool synchronousWrites = false) : Stream
    {
        private readonly MemoryStream written = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public byte[] ToArray() => written.ToArray();

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (!synchronousWrites)
            {
                throw new InvalidOperationException("Synchronous operations are disallowed. Call WriteAsync or set AllowSynchronousIO to true instead.");
            }

            written.Write(buffer, offset, count);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            written.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
