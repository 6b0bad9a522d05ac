using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Photocollect.Web.Pages;

/// <summary>
/// <c>&lt;message error="…" info="…" /&gt;</c>: the page's problem (<c>role="alert"</c>) and its note
/// (<c>role="status"</c>), each only when there is one; nothing at all when neither. A tag helper rather than a partial
/// view: most pages show one, and a partial costs a view look-up and activation on every page (4 % of the camera
/// page's time in the bench's profiles).
/// </summary>
[HtmlTargetElement("message", TagStructure = TagStructure.WithoutEndTag)]
public sealed class MessageTagHelper : TagHelper
{
    /// <summary>The problem to show, or null.</summary>
    public string? Error { get; set; }

    /// <summary>The note to show, or null.</summary>
    public string? Info { get; set; }

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = null;
        if (!string.IsNullOrEmpty(Error))
        {
            output.Content.AppendHtml("<div class=\"alert error\" role=\"alert\">").Append(Error).AppendHtml("</div>\n");
        }

        if (!string.IsNullOrEmpty(Info))
        {
            output.Content.AppendHtml("<div class=\"alert info\" role=\"status\">").Append(Info).AppendHtml("</div>\n");
        }
    }
}
