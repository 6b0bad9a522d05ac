using System.Runtime.InteropServices;

namespace Photocollect.Vision;

/// <summary>pcv_analysis_options (strings are UTF-8 pointers owned by the caller for the call's duration).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NativeAnalysisOptions
{
    public byte* CascadeDir, LandmarkModel, BrisqueModel, BrisqueRange;
    public int MaxSide;
    public double MinFace;
    public int OutWidth, OutHeight;
    public float HairTopMin, HairTopMax, EyeLineMin, EyeLineMax, FaceWidthMin, FaceWidthMax;
    public byte BgR, BgG, BgB;
}
