using System.Diagnostics;
using System.Net;

namespace Photocollect.WebBench;

/// <summary>
/// A request body that notes the clock once its last byte has been written to the connection (written and flushed),
/// so that an upload is timed from there: what the student waits for after their phone has sent the photo, without
/// the time the bytes take to leave it.
/// </summary>
public sealed class LastByteContent : HttpContent
{
    private readonly HttpContent inner;

    /// <summary>Wraps <paramref name="inner"/>, whose headers (the multipart boundary) it takes over.</summary>
    public LastByteContent(HttpContent inner)
    {
        this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
        foreach (var header in inner.Headers.Where(h => h.Key != "Content-Length"))
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    /// <summary>The <see cref="Stopwatch"/> timestamp after the last byte, or null while it has not been sent.</summary>
    public long? LastByte { get; private set; }

    /// <inheritdoc />
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    /// <inheritdoc />
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        await inner.CopyToAsync(stream, context, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        LastByte = Stopwatch.GetTimestamp();
    }

    /// <inheritdoc />
    protected override bool TryComputeLength(out long length)
    {
        length = inner.Headers.ContentLength ?? -1;
        return length >= 0;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
