using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace Photocollect.Web.Api;

/// <summary>
/// Every answer under <c>/api/</c> is JSON, errors included: a status that left the API without a body (no or a bad
/// token, malformed JSON, an unknown route, a body too large) and an unhandled exception become an RFC 7807 problem
/// with a stable <c>code</c> and a <c>detail</c> that says what to do, instead of the site's HTML error page.
/// </summary>
public static class ApiProblems
{
    // Chinese details stay readable in the body rather than \uXXXX escapes.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>True for a request to the JSON API (at <c>/s/{school}/api/…</c> or, by host, <c>/api/…</c>).</summary>
    public static bool IsApi(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = (context.Request.PathBase + context.Request.Path).Value ?? "";
        return path.StartsWith("/api/", StringComparison.Ordinal)
            || (path.StartsWith("/s/", StringComparison.Ordinal) && path.Contains("/api/", StringComparison.Ordinal));
    }

    /// <summary>Writes the problem for the response's status (status-code pages).</summary>
    public static Task WriteStatusAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        return WriteAsync(http, Infrastructure.RequestBodyLimits.IsExceeded(http) ? StatusCodes.Status413PayloadTooLarge : http.Response.StatusCode);
    }

    /// <summary>Writes the problem of an unhandled exception (the exception handler).</summary>
    public static Task WriteServerErrorAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WriteAsync(context, StatusCodes.Status500InternalServerError);
    }

    private static Task WriteAsync(HttpContext context, int status)
    {
        var (code, key) = status switch
        {
            400 => ("bad_request", "Api.Problem.400"),
            401 => ("unauthorized", "Api.Problem.401"),
            403 => ("forbidden", "Api.Problem.403"),
            404 => ("not_found", "Api.Problem.404"),
            405 => ("method_not_allowed", "Api.Problem.405"),
            413 => ("too_large", "Api.Problem.413"),
            415 => ("unsupported_media_type", "Api.Problem.415"),
            429 => ("too_many_requests", "Api.Problem.429"),
            503 => ("unavailable", "Api.Problem.503"),
            _ when status >= 500 => ("server_error", "Api.Problem.500"),
            _ => ("error", "Api.Problem.400"),
        };
        // These run outside the localization middleware (they wrap the whole pipeline): take the language it chose.
        if (context.Features.Get<Microsoft.AspNetCore.Localization.IRequestCultureFeature>() is { } culture)
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture.RequestCulture.UICulture;
        }

        var text = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        return WriteAsync(context, status, code, text[key].Value);
    }

    /// <summary>
    /// Writes a problem with its own <paramref name="code"/> and <paramref name="detail"/> (already in the reader's
    /// language): also for a page's script calls that take JSON (the camera page's live frames).
    /// </summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            type = $"https://httpstatuses.io/{status}",
            title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
            status,
            code,
            detail,
            traceId = context.TraceIdentifier,
        }, Json));
    }
}
