namespace Photocollect.Delivery.Prints;

/// <summary>
/// What Skia's PDF writer writes into. Skia writes synchronously and asks for <see cref="Position"/> after each write,
/// which an HTTP response body refuses (no synchronous I/O, no position); so it writes here, and each finished page is
/// passed on to the real output with <see cref="DrainToAsync"/>. The buffer holds about one page.
/// </summary>
internal sealed class PageBuffer : Stream
{
    private readonly MemoryStream buffer = new();
    private long written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => written;

    // Skia's managed stream reads this as the count of bytes written so far.
    public override long Position
    {
        get => written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        this.buffer.Write(buffer);
        written += buffer.Length;
    }

    public async Task DrainToAsync(Stream output, CancellationToken cancellationToken)
    {
        if (buffer.Length == 0)
        {
            return;
        }

        await output.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
        buffer.SetLength(0);
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            buffer.Dispose();
        }

        base.Dispose(disposing);
    }
}
