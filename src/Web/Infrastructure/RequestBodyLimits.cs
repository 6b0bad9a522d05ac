using System.Buffers;
using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Photocollect.Web.Infrastructure;

/// <summary>
/// How large a request body may grow, per endpoint: the endpoint's <see cref="IBodyLimit"/> (an upload, the payment
/// notifications), else <see cref="DefaultMaxBytes"/> (forms and JSON are small; Kestrel's own 30 MB default would let
/// any form page buffer 30 MB). The body is counted as it is read, declared length or chunked alike; past the limit
/// the read fails with a 413 <see cref="BadHttpRequestException"/>, which <see cref="ExceptionStatus"/> (or the upload
/// page's own filter) answers.
/// <para>
/// The answer must also reach the client, which is usually still sending: closing the connection on it would make it
/// see "connection reset", not the 413. So, as web servers do, the rest of the body is read and thrown away after the
/// answer is sent, for at most <see cref="DrainTime"/> and up to <see cref="HardLimitBytes"/>, where Kestrel closes the
/// connection anyway. Registered first, so it wraps every other part of the pipeline.
/// </para>
/// </summary>
public sealed class RequestBodyLimits(RequestDelegate next)
{
    /// <summary>Largest body of a request that is not an upload.</summary>
    public const long DefaultMaxBytes = 1024 * 1024;

    /// <summary>Beyond this Kestrel itself refuses the body and closes the connection, answer read or not.</summary>
    public const long HardLimitBytes = 64 * 1024 * 1024;

    /// <summary>The longest time spent reading away the rest of a refused body.</summary>
    public static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(10);

    private static readonly object ExceededKey = new();

    /// <summary>
    /// Whether this request's body went over its limit. Code that tripped on it may have made something else of the
    /// failed read (anti-forgery reads the form first and calls it a bad token): the error answers say 413 all the same.
    /// </summary>
    public static bool IsExceeded(HttpContext context) => context?.Items.ContainsKey(ExceededKey) == true;

    /// <summary>Counts the body and runs the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = HardLimitBytes;
        }

        var original = context.Request.Body;
        // The endpoint is known only after routing, which is further in: the limit is looked up at the first read.
        await using var counted = new CountedBody(
            original,
            () => context.GetEndpoint()?.Metadata.GetMetadata<IBodyLimit>()?.MaxBodyBytes ?? DefaultMaxBytes,
            () => context.Items[ExceededKey] = true);
        context.Request.Body = counted;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Body = original;
        }

        if (IsExceeded(context) && !context.RequestAborted.IsCancellationRequested)
        {
            await context.Response.CompleteAsync();
            await DrainAsync(original, context.RequestAborted);
        }
    }

    /// <summary>
    /// After routing: a body that declares a length over its endpoint's limit is refused before any work, even where
    /// the endpoint would never read it. Uploads are left to their own check, which words the limit for the user.
    /// </summary>
    public static Task RefuseDeclaredTooLargeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IBodyLimit>();
        if (limit is not UploadLimitAttribute && context.Request.ContentLength > (limit?.MaxBodyBytes ?? DefaultMaxBytes))
        {
            context.Items[ExceededKey] = true;
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return Task.CompletedTask;
        }

        return next(context);
    }

    private static async Task DrainAsync(Stream body, CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(DrainTime);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (await body.ReadAsync(buffer, timeout.Token) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // Too long, too large or gone: Kestrel closes the connection.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // The request body, counted: a read past the limit fails as Kestrel's own limit would.
    private sealed class CountedBody(Stream inner, Func<long> limitOf, Action exceeded) : Stream
    {
        private long read;
        private long? limit;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int bytes)
        {
            limit ??= limitOf();
            read += bytes;
            if (read > limit)
            {
                exceeded();
                throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
            }

            return bytes;
        }
    }
}
