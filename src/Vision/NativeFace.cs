using System.Runtime.InteropServices;

namespace Photocollect.Vision;

/// <summary>pcv_face.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeFace
{
    public float X, Y, Width, Height;
    public float Eye1X, Eye1Y, Eye2X, Eye2Y;
    public int Eyes;
}
