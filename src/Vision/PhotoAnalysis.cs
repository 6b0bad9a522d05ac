using System.Text;

namespace Photocollect.Vision;

/// <summary>Where the engine finds its model files (Debian packages opencv-data and libdlib-data).</summary>
public sealed record VisionModels
{
    /// <summary>OpenCV's Haar cascades.</summary>
    public string CascadeDirectory { get; init; } = "/usr/share/opencv4/haarcascades";

    /// <summary>dlib's 68-point face landmark model.</summary>
    public string LandmarkModel { get; init; } = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat";

    /// <summary>OpenCV's BRISQUE model; empty to skip the image-quality measure.</summary>
    public string BrisqueModel { get; init; } = "/usr/share/opencv4/quality/brisque_model_live.yml";

    /// <summary>OpenCV's BRISQUE feature ranges.</summary>
    public string BrisqueRange { get; init; } = "/usr/share/opencv4/quality/brisque_range_live.yml";
}

/// <summary>The photo the school receives (CHSI 学历证书电子注册图像): size, head placement, background.</summary>
public sealed record StandardLayout
{
    /// <summary>Width in pixels.</summary>
    public int Width { get; init; } = 480;

    /// <summary>Height in pixels.</summary>
    public int Height { get; init; } = 640;

    /// <summary>Top of the hair from the top edge, pixels.</summary>
    public (float Min, float Max) HairTop { get; init; } = (50, 110);

    /// <summary>Eye line from the top edge, pixels.</summary>
    public (float Min, float Max) EyeLine { get; init; } = (200, 300);

    /// <summary>Face width (cheek to cheek), pixels.</summary>
    public (float Min, float Max) FaceWidth { get; init; } = (180, 300);

    /// <summary>Background colour (light blue).</summary>
    public (byte R, byte G, byte B) Background { get; init; } = (100, 197, 255);

    /// <summary>Resolution written in the JPEG header.</summary>
    public int Dpi { get; init; } = 300;
}

/// <summary>Options of one analysis: models, face detection and the standard layout the crop is planned for.</summary>
public sealed record AnalysisOptions
{
    /// <summary>Model files.</summary>
    public VisionModels Models { get; init; } = new();

    /// <summary>
    /// Face detection. A phone photo's face is at least a tenth of its width, so a 480 px detection copy finds it
    /// (landmarks are then placed on the photo itself) at a third of the cost of 800 px.
    /// </summary>
    public FaceOptions Faces { get; init; } = new() { MaxSide = 480, MinFace = 0.08 };

    /// <summary>The standard photo.</summary>
    public StandardLayout Layout { get; init; } = new();

    /// <summary>Image limits.</summary>
    public ImageLimits Limits { get; init; } = new();

    /// <summary>Phone photos are decoded at a reduced size (JPEG DCT scaling) while the short side stays this long.</summary>
    public int WorkingShortSide { get; init; } = 700;
}

/// <summary>
/// What one pass over a photo measured. Lengths are pixels of the photo as stored (before any reduced decode);
/// <c>Out*</c> are pixels of the standard photo; colours are CIELAB. Null: not measurable (no face, no background).
/// </summary>
public sealed record PhotoAnalysis
{
    /// <summary>Photo width.</summary>
    public int Width { get; init; }

    /// <summary>Photo height.</summary>
    public int Height { get; init; }

    /// <summary>Frontal faces found.</summary>
    public int FaceCount { get; init; }

    /// <summary>The largest face's box.</summary>
    public RectF? FaceBox { get; init; }

    /// <summary>Its 68 landmarks (iBUG 300-W order), or empty.</summary>
    public IReadOnlyList<PointF> Landmarks { get; init; } = [];

    /// <summary>Head roll (eye line), yaw and pitch, degrees.</summary>
    public double? Roll { get; init; }

    /// <inheritdoc cref="Roll"/>
    public double? Yaw { get; init; }

    /// <inheritdoc cref="Roll"/>
    public double? Pitch { get; init; }

    /// <summary>Eye aspect ratios (open ≈ 0.25–0.35, closed &lt; 0.15), image-left and image-right.</summary>
    public (double Left, double Right)? EyeOpenness { get; init; }

    /// <summary>The smaller grey-level standard deviation inside either eye's outline (low: covered by dark glasses or a hand).</summary>
    public double? EyeDetail { get; init; }

    /// <summary>Grey-level noise sigma measured on the plain background (sensor noise, heavy compression).</summary>
    public double? Noise { get; init; }

    /// <summary>Inner-lip gap over mouth width.</summary>
    public double? MouthGap { get; init; }

    /// <summary>Fraction of white, colourless pixels inside the lips.</summary>
    public double? Teeth { get; init; }

    /// <summary>Face width, cheek to cheek.</summary>
    public double? JawWidth { get; init; }

    /// <summary>Top of the head (y), from the background matte.</summary>
    public double? HairTop { get; init; }

    /// <summary>The head touches the photo's top edge.</summary>
    public bool HairCut { get; init; }

    /// <summary>Fraction of the standard photo (below the hair top) that lies outside the photo.</summary>
    public double? CropOutside { get; init; }

    /// <summary>Photo pixels per standard-photo pixel (below 1: the output is enlarged).</summary>
    public double? CropScale { get; init; }

    /// <summary>Where the standard photo puts the hair top, the eye line and how wide the face is.</summary>
    public (double HairTop, double EyeLine, double FaceWidth)? Placement { get; init; }

    /// <summary>Background beside the head (CIELAB).</summary>
    public (double L, double A, double B)? Background { get; init; }

    /// <summary>RMS colour difference of the background from a smooth fit (texture, clutter).</summary>
    public double? BackgroundNoise { get; init; }

    /// <summary>Share of non-wall pixels in the second most affected zone of the background (above, left, right of the head).</summary>
    public double? BackgroundClutter { get; init; }

    /// <summary>JPEG 8×8 grid steps over other steps: about 1 for a natural photo, more when heavily compressed.</summary>
    public double? Blockiness { get; init; }

    /// <summary>Largest colour difference between the background's corners (shading).</summary>
    public double? BackgroundGradient { get; init; }

    /// <summary>Fraction of the standard photo that is foreign content over the background.</summary>
    public double? ExtraContent { get; init; }

    /// <summary>Colour difference between clothing and background (the smaller of the old and the new one).</summary>
    public double? ClothingContrast { get; init; }

    /// <summary>Mean skin colour (CIELAB).</summary>
    public (double L, double A, double B)? Skin { get; init; }

    /// <summary>Fractions of skin pixels burnt out and crushed black.</summary>
    public (double High, double Low)? Clipped { get; init; }

    /// <summary>Lightness difference between the face's two halves.</summary>
    public double? LightingBalance { get; init; }

    /// <summary>Variance of the Laplacian over the skin at the standard scale.</summary>
    public double? Sharpness { get; init; }

    /// <summary>BRISQUE score of the standard crop, 0 (best) to 100.</summary>
    public double? Brisque { get; init; }

    /// <summary>The largest face aligned for the admission-photo comparison (from this pass's landmarks), or null.</summary>
    public AlignedFace? Face { get; init; }
}

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
        };
    }
}
