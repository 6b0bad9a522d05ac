using Microsoft.AspNetCore.StaticFiles;

namespace Photocollect.Web.Infrastructure;

/// <summary>
/// How long browsers keep the platform's static files. A versioned link (<c>asp-append-version</c>, or the layout's from
/// <c>IFileVersionProvider</c>) carries the file's hash (<c>?v=…</c>) and changes with the file, so it is kept a year;
/// the pictures and the icon, which browsers also ask for without a version (<c>/favicon.ico</c>), a week. Everything
/// else keeps the default (revalidated by ETag).
/// </summary>
public static class StaticAssets
{
    /// <summary>A versioned link: never changes.</summary>
    public const string Versioned = "public, max-age=31536000, immutable";

    /// <summary>A picture or the icon without a version.</summary>
    public const string Pictures = "public, max-age=604800";

    /// <summary>The options for <c>UseStaticFiles</c>.</summary>
    public static StaticFileOptions Options() => new() { OnPrepareResponse = SetCaching };

    private static void SetCaching(StaticFileResponseContext context)
    {
        var request = context.Context.Request;
        if (request.Query.ContainsKey("v"))
        {
            context.Context.Response.Headers.CacheControl = Versioned;
        }
        else if (request.Path.StartsWithSegments("/img", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals("/favicon.ico", StringComparison.OrdinalIgnoreCase))
        {
            context.Context.Response.Headers.CacheControl = Pictures;
        }
    }
}
