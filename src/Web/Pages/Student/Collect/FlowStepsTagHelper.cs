using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Localization;

namespace Photocollect.Web.Pages.Student.Collect;

/// <summary>
/// <c>&lt;flow-steps current="3" /&gt;</c>: the online collection's steps (code, verify, standards, photo, submit, pay)
/// as an ordered list, those before <see cref="Current"/> done and it marked <c>aria-current="step"</c>. The freshman
/// upload (route value <c>flow</c> = <c>freshman</c>) has no collection code step: the same places less one.
/// </summary>
[HtmlTargetElement("flow-steps", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FlowStepsTagHelper(IStringLocalizer<SharedResource> text) : TagHelper
{
    private static readonly string[] Steps =
        ["Collect.Step.Code", "Collect.Step.Verify", "Collect.Step.Standards", "Collect.Step.Capture", "Collect.Step.Submit", "Collect.Step.Pay"];

    /// <summary>The step's place in the graduation flow (0 = the code).</summary>
    public int Current { get; set; }

    /// <summary>The page's context (for the flow).</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var freshman = ViewContext.RouteData.Values["flow"] as string == "freshman";
        var steps = Steps.AsSpan(freshman ? 1 : 0);
        var current = freshman ? Current - 1 : Current;
        output.TagName = "ol";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "steps");
        output.Attributes.SetAttribute("aria-label", text["Collect.Steps"].Value);
        for (var i = 0; i < steps.Length; i++)
        {
            output.Content.AppendHtml(i < current ? "<li class=\"done\">" : i == current ? "<li class=\"current\" aria-current=\"step\">" : "<li class=\"\">")
                .Append(text[steps[i]].Value)
                .AppendHtml("</li>");
        }
    }
}
