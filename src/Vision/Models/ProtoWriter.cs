using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Photocollect.Vision.Models;

/// <summary>
/// The few protocol-buffer encodings an ONNX model needs (varints, fixed 32-bit floats, length-delimited bytes and
/// nested messages), written into a growing buffer. Field numbers are ONNX's (onnx.proto); no schema compiler is used.
/// </summary>
internal sealed class ProtoWriter
{
    private readonly ArrayBufferWriter<byte> buffer = new();

    /// <summary>The bytes written so far.</summary>
    public byte[] ToArray() => buffer.WrittenSpan.ToArray();

    /// <summary>A varint field (int32, int64, enum, bool).</summary>
    public ProtoWriter Varint(int field, long value)
    {
        Tag(field, 0);
        Raw((ulong)value);
        return this;
    }

    /// <summary>A fixed 32-bit float field.</summary>
    public ProtoWriter Float(int field, float value)
    {
        Tag(field, 5);
        BinaryPrimitives.WriteSingleLittleEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
        return this;
    }

    /// <summary>A UTF-8 string field.</summary>
    public ProtoWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A bytes field.</summary>
    public ProtoWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, 2);
        Raw((ulong)value.Length);
        buffer.Write(value);
        return this;
    }

    /// <summary>A nested message field.</summary>
    public ProtoWriter Message(int field, ProtoWriter message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Bytes(field, message.buffer.WrittenSpan);
    }

    private void Tag(int field, int wireType) => Raw((ulong)((field << 3) | wireType));

    private void Raw(ulong value)
    {
        while (value >= 0x80)
        {
            Byte((byte)(value | 0x80));
            value >>= 7;
        }

        Byte((byte)value);
    }

    private void Byte(byte value)
    {
        buffer.GetSpan(1)[0] = value;
        buffer.Advance(1);
    }
}
