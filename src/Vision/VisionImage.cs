using System.Runtime.InteropServices;

namespace Photocollect.Vision;

/// <summary>An 8-bit BGR image held by the native engine. Dispose it; a finalizer frees it otherwise.</summary>
public sealed class VisionImage : SafeHandle
{
    /// <summary>For the marshaller.</summary>
    public VisionImage()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    private VisionImage(nint handle)
        : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Width in pixels.</summary>
    public int Width => Size().Width;

    /// <summary>Height in pixels.</summary>
    public int Height => Size().Height;

    /// <summary>Copies BGR pixels (rows packed, width × 3 bytes) into a new image.</summary>
    public static unsafe VisionImage FromBgr(ReadOnlySpan<byte> pixels, int width, int height)
    {
        if (width <= 0 || height <= 0 || pixels.Length < (long)width * height * 3)
        {
            throw new ArgumentException("Pixel buffer does not match the size.", nameof(pixels));
        }

        fixed (byte* p = pixels)
        {
            Native.Check(Native.ImageFromBgr(p, width, height, width * 3, out var image), "from_bgr");
            return new VisionImage(image);
        }
    }

    /// <summary>The BGR pixels, rows packed.</summary>
    public unsafe byte[] ToBgr()
    {
        var (width, height) = Size();
        var buffer = new byte[(long)width * height * 3];
        fixed (byte* p = buffer)
        {
            Native.Check(Native.ImagePixels(this, p, buffer.Length), "pixels");
        }

        return buffer;
    }

    /// <summary>The grey levels (luma), rows packed: what luminance-based decoders read.</summary>
    internal unsafe byte[] ToGray()
    {
        var (width, height) = Size();
        var buffer = new byte[(long)width * height];
        fixed (byte* p = buffer)
        {
            Native.Check(Native.ImageGray(this, p, buffer.Length), "gray");
        }

        return buffer;
    }

    /// <summary>JPEG bytes at <paramref name="quality"/> (1–100), with <paramref name="dpi"/> in the JFIF header when positive.</summary>
    public byte[] ToJpeg(int quality, int dpi = 0)
    {
        Native.Check(Native.ImageEncode(this, 0, quality, dpi, out var buffer, out var length), "encode_jpeg");
        return Native.TakeBuffer(buffer, length);
    }

    /// <summary>PNG bytes.</summary>
    public byte[] ToPng()
    {
        Native.Check(Native.ImageEncode(this, 1, 100, 0, out var buffer, out var length), "encode_png");
        return Native.TakeBuffer(buffer, length);
    }

    /// <summary>A perspective warp by a row-major 3×3 matrix into a new canvas, filled with the border colour.</summary>
    public unsafe VisionImage Warp(ReadOnlySpan<double> matrix, int width, int height, (byte R, byte G, byte B) border)
    {
        if (matrix.Length != 9)
        {
            throw new ArgumentException("A 3×3 matrix has nine entries.", nameof(matrix));
        }

        fixed (double* m = matrix)
        {
            Native.Check(Native.ImageWarp(this, m, width, height, border.B, border.G, border.R, out var result), "warp");
            return new VisionImage(result);
        }
    }

    /// <summary>Gaussian blur (sigma in pixels; 0 for none), then pixel × contrast + brightness.</summary>
    public VisionImage Adjust(double blurSigma = 0, double contrast = 1, double brightness = 0)
    {
        Native.Check(Native.ImageAdjust(this, blurSigma, contrast, brightness, out var result), "adjust");
        return new VisionImage(result);
    }

    internal static VisionImage Own(nint handle) => new(handle);

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        Native.ImageFree(handle);
        return true;
    }

    private (int Width, int Height) Size()
    {
        Native.Check(Native.ImageSize(this, out var width, out var height), "size");
        return (width, height);
    }
}
