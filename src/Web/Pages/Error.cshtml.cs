using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Photocollect.Tenancy.Resolution;

namespace Photocollect.Web.Pages;

/// <summary>
/// The page for every error status (re-executed by status-code pages): says what happened and what to do next,
/// including "this school does not exist" and "this school is suspended".
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>HTTP status: the route's, never a form field's (a failed POST re-executes here with its own form).</summary>
    public int Code { get; private set; }

    /// <summary>Heading.</summary>
    public string Title { get; private set; } = string.Empty;

    /// <summary>What to do next.</summary>
    public string Text { get; private set; } = string.Empty;

    /// <summary>For support, on server errors.</summary>
    public string? RequestId { get; private set; }

    /// <summary>Where the way back goes: the school's home inside a school (its staff home for a staff page), else the
    /// platform's.</summary>
    public string Home { get; private set; } = "/";

    /// <summary>The way back's resource key.</summary>
    public string HomeText { get; private set; } = "Error.Home";

    /// <summary>Any method: a failed POST re-executes here as a POST.</summary>
    public IActionResult OnGet() => Show();

    /// <inheritdoc cref="OnGet" />
    public IActionResult OnPost() => Show();

    // Read from the route's text, not through model binding: binding also reads the failed request's form, which may
    // carry a field of the same name, or be unreadable (a NUL), leaving 0.
    private PageResult Show()
    {
        Code = int.TryParse(RouteData.Values["code"] as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            ? code
            : Response.StatusCode;
        if (Infrastructure.RequestBodyLimits.IsExceeded(HttpContext))
        {
            Code = StatusCodes.Status413PayloadTooLarge;  // whatever the code that tripped on the body made of it
        }

        var feature = HttpContext.Features.Get<TenantFeature>();
        var key = Code switch
        {
            404 when feature?.Resolution.Outcome == TenantResolutionOutcome.Unknown => "UnknownSchool",
            403 when feature?.Suspended == true => "Suspended",
            400 or 403 or 404 or 405 or 413 or 429 or 503 => Code.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => "500",
        };
        Title = localizer[$"Error.{key}.Title"];
        Text = localizer[$"Error.{key}.Text", feature?.Resolution.Requested ?? string.Empty];
        if (Code >= 500)
        {
            RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        }

        // PathBase holds the school's /s/{slug} prefix once it is resolved (empty on its own host name, and for a school
        // that does not exist or is suspended, whose way back is the platform's home).
        var staff = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath
            .StartsWith("/staff", StringComparison.OrdinalIgnoreCase) == true;
        Home = Request.PathBase + (staff ? "/staff" : "/");
        HomeText = staff ? "Error.StaffHome" : "Error.Home";

        // Direct visits to /error/404 keep their status; re-executed requests already carry it.
        Response.StatusCode = Code is >= 400 and <= 599 ? Code : 404;
        return Page();
    }
}
