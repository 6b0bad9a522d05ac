namespace Photocollect.Vision.Models;

/// <summary>A constant tensor: float values or integer values, with its shape.</summary>
/// <param name="Shape">Its dimensions.</param>
/// <param name="Floats">Its values when it is a float tensor.</param>
/// <param name="Longs">Its values when it is an integer tensor.</param>
internal sealed record TfjsTensor(long[] Shape, float[]? Floats, long[]? Longs);
