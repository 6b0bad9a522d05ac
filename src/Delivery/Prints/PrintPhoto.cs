using System.Globalization;
using System.IO.Compression;
using SkiaSharp;

namespace Photocollect.Delivery.Prints;

/// <summary>One student's photo to print: the caption's name and student number, and the standard photo (JPEG).</summary>
public sealed record PrintPhoto(string Name, string StudentNumber, byte[] Jpeg);
