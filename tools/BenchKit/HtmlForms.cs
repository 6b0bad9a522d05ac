using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Photocollect.BenchKit;

/// <summary>What a person's browser does with the product's pages: fill a form, send its anti-forgery token, see the
/// error a page shows.</summary>
public static class HtmlForms
{
    /// <summary>A form body (a body cannot be sent twice, so this makes a new one each time).</summary>
    public static Func<HttpContent> Form(params (string Name, string Value)[] fields) =>
        () => new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));

    /// <summary>The anti-forgery token of a page's form.</summary>
    public static string Token(IHtmlDocument page) =>
        page?.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
        ?? throw new InvalidOperationException("no anti-forgery token on the page");

    /// <summary>The error message a page shows, or null. An error box the page keeps hidden and empty for its script
    /// (the camera page's camera problem) is not one.</summary>
    public static string? PageError(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!answer.Body.Contains("class=\"alert error\"", StringComparison.Ordinal))
        {
            return null;
        }

        var shown = new HtmlParser().ParseDocument(answer.Body).QuerySelectorAll(".alert.error")
            .Select(e => e.HasAttribute("hidden") ? "" : e.TextContent.Trim())
            .FirstOrDefault(text => text.Length > 0);
        return shown is null ? null : "page error: " + shown;
    }
}
