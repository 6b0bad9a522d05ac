using System.Buffers.Binary;
using System.Text;
using ZXing;
using ZXing.Common;

namespace Photocollect.Vision;

/// <summary>
/// Reads QR codes (the CHSI 图像采集码) from camera photos and screenshots with OpenCV's WeChat decoder, which
/// copes with rotation, perspective, blur and small codes inside a larger screen. When it finds nothing, ZXing.Net
/// has a go at the grey levels: on degraded code photos it reads a few that WeChat misses (decision 008), and it costs
/// a few tens of milliseconds only then.
/// </summary>
public static class QrCodes
{
    /// <summary>Decodes every QR code in an image file's bytes.</summary>
    public static QrResult Decode(ReadOnlySpan<byte> bytes, ImageLimits? limits = null)
    {
        using var loaded = ImageLoader.Load(bytes, limits);
        return loaded.Image is null ? new([], loaded.Error) : new(Decode(loaded.Image), null);
    }

    /// <summary>Decodes every QR code in a decoded image.</summary>
    public static IReadOnlyList<string> Decode(VisionImage image)
    {
        var codes = DecodeWithWeChat(image);
        return codes.Count > 0 ? codes : DecodeWithZXing(image);
    }

    /// <summary>The WeChat decoder alone (OpenCV's wechat_qrcode, with the locator for several codes).</summary>
    internal static IReadOnlyList<string> DecodeWithWeChat(VisionImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        Native.Check(Native.QrDecode(image, out var buffer, out var length), "qr_decode");
        var bytes = Native.TakeBuffer(buffer, length);
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var codes = new List<string>(count);
        var offset = 4;
        for (var i = 0; i < count; i++)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(offset));
            codes.Add(Encoding.UTF8.GetString(bytes, offset + 4, size));
            offset += 4 + size;
        }

        return codes;
    }

    /// <summary>ZXing.Net alone, on 8-bit luminance (no bitmap binding exists here); a reader per call (readers keep state).</summary>
    internal static IReadOnlyList<string> DecodeWithZXing(VisionImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var reader = new BarcodeReaderGeneric
        {
            AutoRotate = true,
            Options = new DecodingOptions { TryHarder = true, PossibleFormats = [BarcodeFormat.QR_CODE] },
        };
        var found = reader.DecodeMultiple(new RGBLuminanceSource(image.ToGray(), image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8));
        return found is null ? [] : found.Select(r => r.Text).Distinct(StringComparer.Ordinal).ToList();
    }
}
