using System.Runtime.InteropServices;

namespace Photocollect.Vision;

/// <summary>
/// What the face-recognition model makes of an <see cref="AlignedFace"/>: a unit-length vector whose cosine with
/// another face's says how alike the two people look (4 KB kept per admission photo, compared in microseconds).
/// </summary>
public sealed class FaceEmbedding
{
    private readonly float[] values;

    internal FaceEmbedding(float[] values)
    {
        var norm = Math.Sqrt(values.Sum(v => (double)v * v));
        this.values = norm > 0 ? values.Select(v => (float)(v / norm)).ToArray() : values;
    }

    /// <summary>Its length.</summary>
    public int Dimensions => values.Length;

    /// <summary>A kept embedding (<see cref="ToBytes"/>); throws on bytes that are not one.</summary>
    public static FaceEmbedding FromBytes(ReadOnlySpan<byte> bytes) => bytes.Length is > 0 and <= 16384 && bytes.Length % 4 == 0
        ? new FaceEmbedding(MemoryMarshal.Cast<byte, float>(bytes).ToArray())
        : throw new ArgumentException($"{bytes.Length} bytes are not a face embedding.", nameof(bytes));

    /// <summary>The floats' bytes, to keep.</summary>
    public byte[] ToBytes() => MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    /// <summary>The cosine of the two vectors: 1 for the same face, about 0 for unrelated ones.</summary>
    public double Similarity(FaceEmbedding other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.values.Length != values.Length)
        {
            throw new ArgumentException($"Embeddings of {values.Length} and {other.values.Length} dimensions come from different models.", nameof(other));
        }

        double sum = 0;
        for (var i = 0; i < values.Length; i++)
        {
            sum += (double)values[i] * other.values[i];
        }

        return sum;
    }
}
