namespace Photocollect.Vision;

/// <summary>The automatic check (初审): named checks over one analysis, each with its value, threshold and message.</summary>
public static class PhotoCheck
{
    /// <summary>Every check's name, in report order.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "face_count", "recaptured", "face_size", "face_position", "head_pose", "eyes_visible", "mouth_closed", "head_covering",
        "background", "brightness", "lighting", "sharpness", "color_cast", "resolution", "extra_content", "image_quality",
        "clothing_contrast",
    ];

    /// <summary>Checks an image file's bytes.</summary>
    public static CheckReport Run(ReadOnlySpan<byte> bytes, CheckThresholds? thresholds = null, AnalysisOptions? options = null)
    {
        options ??= new AnalysisOptions();
        var (loaded, reduce) = PhotoAnalyzer.Load(bytes, options);
        using var _ = loaded;
        if (loaded.Image is null)
        {
            return new CheckReport(false, [], loaded.Error, null);
        }

        return Evaluate(PhotoAnalyzer.Analyze(loaded.Image, options, reduce), thresholds);
    }

    /// <summary>Turns measurements into named checks.</summary>
    public static CheckReport Evaluate(PhotoAnalysis a, CheckThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        var t = thresholds ?? new CheckThresholds();
        var checks = new List<CheckResult>();
        var oneFace = a.FaceCount == 1 && a.Landmarks.Count == 68;
        var measured = oneFace && a.Background is not null;

        void Add(string name, bool available, bool pass, object? value, object threshold, string? problem = null)
        {
            if (!available)
            {
                var skip = oneFace ? "Check.skipped.background" : "Check.skipped.face";
                checks.Add(new CheckResult(name, false, null, threshold, Messages.Get(skip), Skipped: true) { MessageKey = skip });
                return;
            }

            var key = pass ? null : "Check." + (problem ?? name);
            checks.Add(new CheckResult(name, pass, value, threshold, key is null ? "" : Messages.Get(key)) { MessageKey = key });
        }

        Add("face_count", true, a.FaceCount == 1 && a.Landmarks.Count == 68, a.FaceCount, 1,
            a.FaceCount == 0 ? "face_count.none" : a.FaceCount > 1 ? "face_count.many" : "face_count.unclear");

        // A photo of a print or a screen (翻拍): the wall ends at the medium's straight edge on two or three sides.
        Add("recaptured", oneFace && a.FramedSides is not null, a.FramedSides <= t.MaxFramedSides, a.FramedSides, t.MaxFramedSides);

        var faceSize = a.JawWidth / a.Width;
        Add("face_size", oneFace, faceSize >= t.FaceSize.Min && faceSize <= t.FaceSize.Max, Round(faceSize, 3), Range(t.FaceSize),
            faceSize < t.FaceSize.Min ? "face_size.small" : "face_size.large");

        Add("face_position", measured && a.CropOutside is not null, !a.HairCut && a.CropOutside <= t.MaxCropOutside,
            new { outside = Round(a.CropOutside, 3), hair_cut = a.HairCut }, new { max_outside = t.MaxCropOutside },
            a.HairCut ? "face_position.cut" : "face_position.outside");

        var poseProblem = Math.Abs(a.Roll ?? 0) > t.MaxRoll ? "head_pose.roll" : Math.Abs(a.Yaw ?? 0) > t.MaxYaw ? "head_pose.yaw" : "head_pose.pitch";
        Add("head_pose", oneFace, Math.Abs(a.Roll ?? 0) <= t.MaxRoll && Math.Abs(a.Yaw ?? 0) <= t.MaxYaw && Math.Abs(a.Pitch ?? 0) <= t.MaxPitch,
            new { roll = Round(a.Roll, 1), yaw = Round(a.Yaw, 1), pitch = Round(a.Pitch, 1) },
            new { roll = t.MaxRoll, yaw = t.MaxYaw, pitch = t.MaxPitch }, poseProblem);

        var openness = a.EyeOpenness is { } e ? Math.Min(e.Left, e.Right) : (double?)null;
        Add("eyes_visible", oneFace, a.EyeDetail >= t.MinEyeDetail && openness >= t.MinEyeOpenness,
            new { detail = Round(a.EyeDetail, 1), openness = Round(openness, 3) }, new { min_detail = t.MinEyeDetail, min_openness = t.MinEyeOpenness },
            a.EyeDetail < t.MinEyeDetail ? "eyes_visible" : "eyes_visible.closed");

        Add("mouth_closed", oneFace, a.MouthGap <= t.MaxMouthGap && (a.Teeth ?? 0) <= t.MaxTeeth,
            new { gap = Round(a.MouthGap, 3), teeth = Round(a.Teeth, 3) }, new { max_gap = t.MaxMouthGap, max_teeth = t.MaxTeeth });

        Add("head_covering", measured && a.HeadCover is not null, a.HeadCover <= t.MaxHeadCover, Round(a.HeadCover, 3), t.MaxHeadCover);

        var bg = a.Background;
        if (oneFace && bg is null)
        {
            // No plain wall could be modelled beside the head at all: that is the background's failure, not a skip.
            checks.Add(new CheckResult("background", false, null, new { min_lightness = t.MinBackgroundLightness }, Messages.Get("Check.background.cluttered"))
            {
                MessageKey = "Check.background.cluttered",
            });
        }
        else
        {
            // A loose cut-out: the old background came along with the person (its rim), or would reach the standard
            // photo's border. Unmeasured (null) passes: the wall-dependent measures above decide then.
            var cutOut = a.RimForeign > t.MaxRimForeign || a.BorderOff > t.MaxBorderOff;
            Add("background", measured,
                bg?.L >= t.MinBackgroundLightness && a.BackgroundNoise <= t.MaxBackgroundNoise && a.BackgroundClutter <= t.MaxBackgroundClutter
                    && a.BackgroundGradient <= t.MaxBackgroundGradient && !cutOut,
                new
                {
                    lightness = Round(bg?.L, 1), noise = Round(a.BackgroundNoise, 2), clutter = Round(a.BackgroundClutter, 3), gradient = Round(a.BackgroundGradient, 1),
                    rim = Round(a.RimForeign, 3), border = Round(a.BorderOff, 3),
                },
                new
                {
                    min_lightness = t.MinBackgroundLightness, max_noise = t.MaxBackgroundNoise, max_clutter = t.MaxBackgroundClutter, max_gradient = t.MaxBackgroundGradient,
                    max_rim = t.MaxRimForeign, max_border = t.MaxBorderOff,
                },
                bg?.L < t.MinBackgroundLightness ? "background.dark"
                    : a.BackgroundNoise > t.MaxBackgroundNoise || a.BackgroundClutter > t.MaxBackgroundClutter ? "background.cluttered"
                    : cutOut ? "background.cutout" : "background.uneven");
        }

        var skin = a.Skin;
        var clipped = a.Clipped;
        Add("brightness", oneFace && skin is not null,
            skin?.L >= t.FaceLightness.Min && skin?.L <= t.FaceLightness.Max && clipped?.High <= t.MaxClipped && clipped?.Low <= t.MaxClipped,
            new { lightness = Round(skin?.L, 1), overexposed = Round(clipped?.High, 3), underexposed = Round(clipped?.Low, 3) },
            new { lightness = Range(t.FaceLightness), max_clipped = t.MaxClipped },
            skin?.L < t.FaceLightness.Min || clipped?.Low > t.MaxClipped ? "brightness.dark" : "brightness.bright");

        Add("lighting", oneFace && a.LightingBalance is not null, a.LightingBalance <= t.MaxLightingBalance,
            Round(a.LightingBalance, 1), t.MaxLightingBalance);

        Add("sharpness", oneFace && a.Sharpness is not null, a.Sharpness >= t.MinSharpness, Round(a.Sharpness, 1), t.MinSharpness);

        Add("color_cast", oneFace && skin is not null,
            skin?.A >= t.SkinA.Min && skin?.A <= t.SkinA.Max && skin?.B >= t.SkinB.Min && skin?.B <= t.SkinB.Max,
            new { a = Round(skin?.A, 1), b = Round(skin?.B, 1) }, new { a = Range(t.SkinA), b = Range(t.SkinB) });

        // Without a face, the best a 3:4 crop of the whole photo could give.
        var sourceWidth = a.CropScale is { } s ? s * 480 : Math.Min(a.Width, a.Height * 0.75);
        Add("resolution", true, sourceWidth >= t.MinSourceWidth, Math.Round(sourceWidth), t.MinSourceWidth);

        var atChin = a.ChinSkin > t.MaxChinSkin;
        Add("extra_content", measured && a.ExtraContent is not null, a.ExtraContent <= t.MaxExtraContent && !atChin,
            new { share = Round(a.ExtraContent, 4), chin_skin = Round(a.ChinSkin, 3) }, new { max_share = t.MaxExtraContent, max_chin_skin = t.MaxChinSkin },
            a.ExtraContent <= t.MaxExtraContent && atChin ? "extra_content.chin" : null);

        Add("image_quality", measured && a.Brisque is not null,
            a.Brisque <= t.MaxBrisque && (a.Noise ?? 0) <= t.MaxNoise && (a.Blockiness ?? 1) <= t.MaxBlockiness,
            new { brisque = Round(a.Brisque, 1), noise = Round(a.Noise, 2), blockiness = Round(a.Blockiness, 2) },
            new { max_brisque = t.MaxBrisque, max_noise = t.MaxNoise, max_blockiness = t.MaxBlockiness });

        Add("clothing_contrast", measured && a.ClothingContrast is not null, a.ClothingContrast >= t.MinClothingContrast,
            Round(a.ClothingContrast, 1), t.MinClothingContrast);

        return new CheckReport(checks.All(c => c.Pass), checks, null, a);
    }

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;

    private static double[] Range((double Min, double Max) range) => [range.Min, range.Max];
}
