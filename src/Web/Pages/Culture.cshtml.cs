using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Photocollect.Web.Pages;

/// <summary>Switches the interface language (cookie, one year) and goes back.</summary>
public sealed class CultureModel : PageModel
{
    /// <summary>Sets the language cookie; unknown cultures fall back to Chinese.</summary>
    public IActionResult OnGet(string? c, string? returnUrl)
    {
        var culture = PhotocollectWebExtensions.Cultures.FirstOrDefault(x => x.Name == c) ?? PhotocollectWebExtensions.Cultures[0];
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, Path = "/" });
        return LocalRedirect(!string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : Request.PathBase + "/");
    }
}
