using System.Text;

namespace Photocollect.Vision;

/// <summary>Measures a photo and renders the standard photo (one native pass; see <c>native/analyze.cpp</c>).</summary>
public static class PhotoAnalyzer
{
    /// <summary>The reduced-decode factor (1, 2, 4, 8) that keeps the short side at least <paramref name="shortSide"/>.</summary>
    public static int ReduceFor(ImageHeader header, int shortSide)
    {
        if (header.Format != ImageFormat.Jpeg || header.Width is not { } w || header.Height is not { } h)
        {
            return 1;
        }

        var reduce = 1;
        while (reduce < 8 && Math.Min(w, h) / (reduce * 2) >= shortSide)
        {
            reduce *= 2;
        }

        return reduce;
    }

    /// <summary>Decodes a photo at the reduced size <see cref="ReduceFor"/> picks; returns the factor used.</summary>
    public static (LoadResult Loaded, int Reduce) Load(ReadOnlySpan<byte> bytes, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var reduce = ReduceFor(ImageHeader.Read(bytes), options.WorkingShortSide);
        return (ImageLoader.Load(bytes, options.Limits, reduce), reduce);
    }

    /// <summary>Measures a decoded image; <paramref name="reduce"/> is the factor it was decoded at.</summary>
    public static PhotoAnalysis Analyze(VisionImage image, AnalysisOptions? options = null, int reduce = 1) =>
        Run(image, options ?? new AnalysisOptions(), reduce, render: false).Analysis;

    /// <summary>Measures and renders the standard photo (null when no face with landmarks or no background was found).</summary>
    public static (PhotoAnalysis Analysis, VisionImage? Standard) AnalyzeAndRender(VisionImage image, AnalysisOptions? options = null, int reduce = 1) =>
        Run(image, options ?? new AnalysisOptions(), reduce, render: true);

    /// <summary>
    /// GrabCut from a trimap image (its blue channel: 0 background, 1 foreground, 2 probably background, 3 probably
    /// foreground): the foreground mask (white). For building test corpora; too slow for phone photos.
    /// </summary>
    public static VisionImage GrabCut(VisionImage image, VisionImage trimap, int iterations = 5)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(trimap);
        Native.Check(Native.GrabCut(image, trimap, iterations, out var mask), "grabcut");
        return VisionImage.Own(mask);
    }

    internal static unsafe T WithNativeOptions<T>(AnalysisOptions options, NativeOptionsFunc<T> body)
    {
        var models = options.Models;
        var layout = options.Layout;
        fixed (byte* cascade = Utf8(models.CascadeDirectory))
        fixed (byte* landmarks = Utf8(models.LandmarkModel))
        fixed (byte* brisqueModel = Utf8(models.BrisqueModel))
        fixed (byte* brisqueRange = Utf8(models.BrisqueRange))
        {
            var native = new NativeAnalysisOptions
            {
                CascadeDir = cascade,
                LandmarkModel = landmarks,
                BrisqueModel = brisqueModel,
                BrisqueRange = brisqueRange,
                MaxSide = options.Faces.MaxSide,
                MinFace = options.Faces.MinFace,
                OutWidth = layout.Width,
                OutHeight = layout.Height,
                HairTopMin = layout.HairTop.Min,
                HairTopMax = layout.HairTop.Max,
                EyeLineMin = layout.EyeLine.Min,
                EyeLineMax = layout.EyeLine.Max,
                FaceWidthMin = layout.FaceWidth.Min,
                FaceWidthMax = layout.FaceWidth.Max,
                BgR = layout.Background.R,
                BgG = layout.Background.G,
                BgB = layout.Background.B,
            };
            return body(&native);
        }
    }

    internal unsafe delegate T NativeOptionsFunc<T>(NativeAnalysisOptions* options);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + "\0");

    private static unsafe (PhotoAnalysis Analysis, VisionImage? Standard) Run(VisionImage image, AnalysisOptions options, int reduce, bool render)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!File.Exists(options.Models.LandmarkModel))
        {
            throw new FileNotFoundException("dlib's landmark model is missing (Debian package libdlib-data).", options.Models.LandmarkModel);
        }

        NativeAnalysis raw = default;
        nint standard = 0;
        var status = WithNativeOptions(options, o =>
        {
            NativeAnalysis result;
            var s = Native.Analyze(image, o, &result, out var rendered);
            raw = result;
            standard = render ? rendered : 0;
            return s;
        });
        Native.Check(status, "analyze");
        return (Map(raw, image.Width * reduce, image.Height * reduce, reduce), standard == 0 ? null : VisionImage.Own(standard));
    }

    private static unsafe PhotoAnalysis Map(NativeAnalysis a, int width, int height, int reduce)
    {
        double? V(double d, double factor = 1) => double.IsFinite(d) ? d * factor : null;
        var points = new List<PointF>();
        if (a.LandmarksFound != 0)
        {
            for (var i = 0; i < 68; i++)
            {
                points.Add(new PointF(a.Points[2 * i] * reduce, a.Points[(2 * i) + 1] * reduce));
            }
        }

        return new PhotoAnalysis
        {
            Width = width,
            Height = height,
            FaceCount = a.Faces,
            FaceBox = a.Faces > 0 ? new RectF(a.FaceX * reduce, a.FaceY * reduce, a.FaceWidth * reduce, a.FaceHeight * reduce) : null,
            Landmarks = points,
            Roll = V(a.Roll),
            Yaw = V(a.Yaw),
            Pitch = V(a.Pitch),
            EyeOpenness = double.IsFinite(a.EyeOpenLeft) && double.IsFinite(a.EyeOpenRight) ? (a.EyeOpenLeft, a.EyeOpenRight) : null,
            EyeDetail = V(a.EyeDetail),
            Noise = V(a.Noise),
            MouthGap = V(a.MouthGap),
            Teeth = V(a.Teeth),
            JawWidth = V(a.JawWidth, reduce),
            HairTop = V(a.HairTop, reduce),
            HairCut = a.HairCut != 0,
            CropOutside = V(a.CropOutside),
            CropScale = V(a.CropScale, reduce),
            Placement = double.IsFinite(a.OutHairTop) ? (a.OutHairTop, a.OutEyeLine, a.OutFaceWidth) : null,
            Background = double.IsFinite(a.BgLightness) ? (a.BgLightness, a.BgA, a.BgB) : null,
            BackgroundNoise = V(a.BgNoise),
            BackgroundGradient = V(a.BgGradient),
            BackgroundClutter = V(a.BgClutter),
            Blockiness = reduce == 1 ? V(a.Blockiness) : null,
            ExtraContent = V(a.ExtraContent),
            ClothingContrast = V(a.ClothingContrast),
            Skin = double.IsFinite(a.FaceLightness) ? (a.FaceLightness, a.FaceA, a.FaceB) : null,
            Clipped = double.IsFinite(a.FaceClippedHigh) ? (a.FaceClippedHigh, a.FaceClippedLow) : null,
            LightingBalance = V(a.FaceBalance),
            Sharpness = V(a.Sharpness),
            Brisque = V(a.Brisque),
            Face = a.FaceAligned != 0 ? AlignedFace.FromBytes(new ReadOnlySpan<byte>(a.Face, AlignedFace.Length)) : null,
            CropCorners = double.IsFinite(a.CropCorners[0])
                ? [Corner(a.CropCorners[0], a.CropCorners[1], reduce), Corner(a.CropCorners[2], a.CropCorners[3], reduce),
                   Corner(a.CropCorners[4], a.CropCorners[5], reduce), Corner(a.CropCorners[6], a.CropCorners[7], reduce)]
                : null,
            BackgroundMarks = double.IsFinite(a.ExtraContent) ? new ReadOnlySpan<byte>(a.BackgroundMarks, PhotoMarks.Columns * PhotoMarks.Rows).ToArray() : null,
            BorderOff = V(a.BorderOff),
            RimForeign = V(a.RimForeign),
            HeadCover = V(a.HeadCover),
            ChinSkin = V(a.ChinSkin),
            FramedSides = V(a.FramedSides),
        };
    }

    private static PointF Corner(double x, double y, int reduce) => new((float)(x * reduce), (float)(y * reduce));
}
