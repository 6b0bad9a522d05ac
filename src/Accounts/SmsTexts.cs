using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Photocollect.Accounts;

/// <summary>SMS texts are Chinese whatever language the page that sends them is in.</summary>
public static class SmsTexts
{
    private static readonly CultureInfo Chinese = new("zh-CN");

    /// <summary>The resource <paramref name="key"/> in Chinese, formatted with <paramref name="arguments"/>.</summary>
    public static string Of(IStringLocalizer localizer, string key, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var uiCulture = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Chinese;
            return localizer[key, arguments];
        }
        finally
        {
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
