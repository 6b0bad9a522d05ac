using System.Buffers.Binary;
using ZXing;
using ZXing.Common;

namespace Photocollect.Vision;

/// <summary>Result of <see cref="QrCodes.Decode(ReadOnlySpan{byte}, ImageLimits?)"/>.</summary>
/// <param name="Codes">Every decoded code's text, in the detector's order.</param>
/// <param name="Error">Why the bytes could not be read as an image, or null.</param>
public sealed record QrResult(IReadOnlyList<string> Codes, ImageError? Error);
