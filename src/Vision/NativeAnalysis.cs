using System.Runtime.InteropServices;

namespace Photocollect.Vision;

/// <summary>pcv_analysis.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeAnalysis
{
    public int Faces, LandmarksFound;
    public float FaceX, FaceY, FaceWidth, FaceHeight;
    public fixed float Points[136];
    public double Roll, Yaw, Pitch, EyeOpenLeft, EyeOpenRight;
    public double EyeDetail;
    public double MouthGap, Teeth, JawWidth, HairTop;
    public int HairCut;
    public double CropOutside, CropScale, OutHairTop, OutEyeLine, OutFaceWidth;
    public double BgLightness, BgA, BgB, BgNoise, BgGradient, ExtraContent, ClothingContrast;
    public double FaceLightness, FaceA, FaceB, FaceClippedHigh, FaceClippedLow, FaceBalance, Sharpness, Brisque, Noise, BgClutter, Blockiness;
    public int FaceAligned;
    public fixed byte Face[AlignedFace.Length];
    public fixed double CropCorners[8];
    public fixed byte BackgroundMarks[PhotoMarks.Columns * PhotoMarks.Rows];
    public double BorderOff, RimForeign, HeadCover, ChinSkin;
    public double FramedSides;
}
