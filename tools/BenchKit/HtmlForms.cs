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

    /// <summary>The error message a page shows, or null.</summary>
    public static string? PageError(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var at = answer.Body.IndexOf("class=\"alert error\"", StringComparison.Ordinal);
        return at < 0 ? null : "page error: " + new HtmlParser().ParseDocument(answer.Body).QuerySelector(".alert.error")?.TextContent.Trim();
    }
}
