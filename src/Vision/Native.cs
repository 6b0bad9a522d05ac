using System.Runtime.InteropServices;

namespace Photocollect.Vision;

/// <summary>The C ABI of <c>native/pcvision.h</c>.</summary>
internal static partial class Native
{
    private const string Library = "pcvision";

    public const int Ok = 0;
    public const int ErrArgument = 1;
    public const int ErrDecode = 2;
    public const int ErrTooLarge = 3;
    public const int ErrInternal = 4;
    public const int ErrNoMemory = 5;

    [LibraryImport(Library, EntryPoint = "pcv_abi_version")]
    public static partial int AbiVersion();

    [LibraryImport(Library, EntryPoint = "pcv_image_decode")]
    public static unsafe partial int ImageDecode(byte* data, int length, int reduce, long maxPixels, out nint image);

    [LibraryImport(Library, EntryPoint = "pcv_image_from_bgr")]
    public static unsafe partial int ImageFromBgr(byte* pixels, int width, int height, int stride, out nint image);

    [LibraryImport(Library, EntryPoint = "pcv_image_size")]
    public static partial int ImageSize(VisionImage image, out int width, out int height);

    [LibraryImport(Library, EntryPoint = "pcv_image_pixels")]
    public static unsafe partial int ImagePixels(VisionImage image, byte* buffer, long capacity);

    [LibraryImport(Library, EntryPoint = "pcv_image_gray")]
    public static unsafe partial int ImageGray(VisionImage image, byte* buffer, long capacity);

    [LibraryImport(Library, EntryPoint = "pcv_image_encode")]
    public static partial int ImageEncode(VisionImage image, int format, int quality, int dpi, out nint buffer, out int length);

    [LibraryImport(Library, EntryPoint = "pcv_image_warp")]
    public static unsafe partial int ImageWarp(VisionImage image, double* matrix, int width, int height, byte b, byte g, byte r, out nint result);

    [LibraryImport(Library, EntryPoint = "pcv_image_adjust")]
    public static partial int ImageAdjust(VisionImage image, double blurSigma, double contrast, double brightness, out nint result);

    [LibraryImport(Library, EntryPoint = "pcv_image_free")]
    public static partial void ImageFree(nint image);

    [LibraryImport(Library, EntryPoint = "pcv_qr_decode")]
    public static partial int QrDecode(VisionImage image, out nint buffer, out int length);

    [LibraryImport(Library, EntryPoint = "pcv_detect_faces", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int DetectFaces(VisionImage image, string modelDir, int maxSide, double minFace, NativeFace* faces, int capacity, out int count);

    [LibraryImport(Library, EntryPoint = "pcv_find_faces", StringMarshalling = StringMarshalling.Utf8)]
    public static unsafe partial int FindFaces(VisionImage image, string modelDir, int maxSide, double minFace, NativeFace* faces, int capacity, out int count);

    [LibraryImport(Library, EntryPoint = "pcv_analyze")]
    public static unsafe partial int Analyze(VisionImage image, NativeAnalysisOptions* options, NativeAnalysis* analysis, out nint standard);

    [LibraryImport(Library, EntryPoint = "pcv_grabcut")]
    public static partial int GrabCut(VisionImage image, VisionImage trimap, int iterations, out nint mask);

    [LibraryImport(Library, EntryPoint = "pcv_align_face")]
    public static unsafe partial int AlignFace(VisionImage image, NativeAnalysisOptions* options, byte* face, out int found);

    [LibraryImport(Library, EntryPoint = "pcv_free")]
    public static partial void Free(nint buffer);

    /// <summary>Throws for a failed status.</summary>
    public static void Check(int status, string operation)
    {
        if (status != Ok)
        {
            throw new VisionException(operation, status);
        }
    }

    /// <summary>Copies a library-allocated buffer and frees it.</summary>
    public static byte[] TakeBuffer(nint buffer, int length)
    {
        try
        {
            var bytes = new byte[length];
            Marshal.Copy(buffer, bytes, 0, length);
            return bytes;
        }
        finally
        {
            Free(buffer);
        }
    }
}
