namespace Photocollect.Vision.Models;

/// <summary>An ONNX node attribute: one integer, integers, a float or a string.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Int">An integer value.</param>
/// <param name="Ints">Integer values.</param>
/// <param name="Float">A float value.</param>
/// <param name="Text">A string value.</param>
internal sealed record OnnxAttribute(string Name, long? Int = null, long[]? Ints = null, float? Float = null, string? Text = null)
{
    /// <summary>The AttributeProto.</summary>
    public ProtoWriter Write()
    {
        var a = new ProtoWriter().String(1, Name);
        if (Int is { } i)
        {
            a.Varint(3, i).Varint(20, 2);
        }
        else if (Ints is { } ints)
        {
            foreach (var v in ints)
            {
                a.Varint(8, v);
            }

            a.Varint(20, 7);
        }
        else if (Float is { } f)
        {
            a.Float(2, f).Varint(20, 1);
        }
        else
        {
            a.String(4, Text ?? "").Varint(20, 3);
        }

        return a;
    }
}
