using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Localization;

namespace Photocollect.Web.Infrastructure;

/// <summary>Where the cookie handler sends people who are not (allowed to be) there.</summary>
public static class AuthRedirects
{
    /// <summary>The sign-in cookie's name, one for the whole site.</summary>
    public const string SignInCookie = "pc.auth";

    /// <summary>
    /// Staff and operator pages go to the staff sign-in; everything else to the student SMS login; a JSON endpoint
    /// answers 401, and so does a page's script call that asks for JSON only (its problem says so in words).
    /// </summary>
    public static Task ToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if (Api.ApiProblems.IsApi(context.HttpContext))
        {
            // A JSON endpoint signed in by cookie (the station's ticket): 401, which the API writes as a problem.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        if (AsksForJson(request))
        {
            return Api.ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "unauthorized", Text(context.HttpContext)["Json.Unauthorized"]);
        }

        var staff = request.Path.StartsWithSegments("/staff", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)
            || request.Path.StartsWithSegments("/platform", StringComparison.OrdinalIgnoreCase);
        var returnUrl = request.PathBase + request.Path + request.QueryString;
        var login = request.PathBase + (staff ? "/staff/login" : "/login") + QueryString.Create("ReturnUrl", returnUrl);
        context.Response.Redirect(login);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A signed-in person without the right role or school gets 403 and the status page, not a redirect (a script's
    /// call that asks for JSON only gets the problem instead of the page).
    /// </summary>
    public static Task Forbidden(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Api.ApiProblems.IsApi(context.HttpContext) && AsksForJson(context.Request))
        {
            return Api.ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "forbidden", Text(context.HttpContext)["Json.Forbidden"]);
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static IStringLocalizer<SharedResource> Text(HttpContext context) =>
        context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    // A script's fetch that takes JSON and not HTML (a browser navigating always accepts text/html).
    private static bool AsksForJson(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
            && !accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
    }
}
