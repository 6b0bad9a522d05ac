namespace Photocollect.Web.Infrastructure;

/// <summary>
/// Response headers that keep the pages from being framed, sniffed or fed foreign scripts. The policy allows only the
/// site's own scripts (no inline ones: site.js handles every behaviour), inline style attributes, and data: and blob:
/// images (QR codes, photo previews). HSTS is added by <c>UseHsts</c> outside Development, on HTTPS only.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>The Content-Security-Policy of every answer.</summary>
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "media-src 'self' blob: mediastream:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
        + "frame-ancestors 'none'";

    /// <summary>Adds the headers when the response starts (replacing anything set on the way, e.g. by anti-forgery).</summary>
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = Policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
