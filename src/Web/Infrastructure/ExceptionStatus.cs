using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Photocollect.Web.Infrastructure;

/// <summary>
/// Exceptions that are an answer, not a bug, become their status with an empty body, so the status-code pages word
/// them (problem+json under the API, the error page elsewhere): a body over its limit, which Kestrel or a
/// <c>[RequestSizeLimit]</c> throws while it is read, is 413; a database still unreachable after the execution
/// strategy's retries, or a silo that died and is not yet declared dead (its grains cannot be reached for a few
/// seconds, until they move), is 503 with <c>Retry-After</c>: the same request a moment later succeeds. Anything
/// else is left to the exception handler (500).
/// </summary>
public sealed partial class ExceptionStatus(RequestDelegate next, ILogger<ExceptionStatus> logger)
{
    /// <summary>Seconds a client is asked to wait when the database is away.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Runs the rest of the pipeline.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await next(context);
        }
        catch (Exception e) when (!context.Response.HasStarted && StatusOf(e) is { } status)
        {
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                LogUnavailable(logger, e, context.Request.Path);
            }
            else
            {
                LogRefused(logger, status, context.Request.Path, e.Message);
            }

            context.Response.Clear();
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>The status an exception stands for, or null for a fault of ours.</summary>
    public static int? StatusOf(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BadHttpRequestException bad:
                    return bad.StatusCode;
                case RetryLimitExceededException:
                case NpgsqlException { IsTransient: true }:
                case Orleans.Runtime.SiloUnavailableException:
                case Orleans.Runtime.OrleansMessageRejectionException:
                case Orleans.Runtime.Messaging.ConnectionFailedException:
                    return StatusCodes.Status503ServiceUnavailable;
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable for {Path} after retries: answered 503")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, PathString path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused {Status} for {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int status, PathString path, string reason);
}
