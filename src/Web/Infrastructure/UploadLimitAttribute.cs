using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Photocollect.Web.Infrastructure;

/// <summary>
/// An upload page's limit. A request body over the file limit (plus room for the rest of the form) is not read: the
/// form is replaced by an empty one and <see cref="IsExceeded"/> tells the handler to answer with the limit, so the
/// user sees a clear message on the same page, not an error page. The pages' script checks the size before sending;
/// this covers clients that do not.
/// </summary>
/// <param name="maxFileBytes">Largest file accepted.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitAttribute(long maxFileBytes) : Attribute, IResourceFilter
{
    private static readonly object Exceeded = new();

    /// <summary>Whether this request's body was over the limit (and was not read).</summary>
    public static bool IsExceeded(HttpContext context) => context?.Items.ContainsKey(Exceeded) == true;

    /// <inheritdoc />
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.ContentLength > maxFileBytes + 64 * 1024)
        {
            http.Items[Exceeded] = true;
            http.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
        }
    }

    /// <inheritdoc />
    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
