using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Photocollect.Web.Infrastructure;

/// <summary>
/// An upload's limit, as endpoint metadata: <see cref="RequestBodyLimits"/> lets the body grow to
/// <see cref="MaxBodyBytes"/> (the file and room for the rest of the form) instead of the site's small default. On a
/// page it is also the filter that reads the form: a body over the limit, declared or found while reading a chunked
/// one, is not read on; the form is replaced by an empty one and <see cref="IsExceeded"/> tells the handler to answer
/// with the limit, so the user sees a clear message on the same page, not an error page. The pages' script checks the
/// size before sending; this covers clients that do not.
/// <para>
/// The anti-forgery token is checked here, after the form is read, instead of by the global filter before it: that
/// filter would read the oversized form first and answer "page expired". A page with this attribute is therefore
/// protected as any other (an invalid token is a 400), except that a body over the limit is answered with the limit
/// message and nothing else happens.
/// </para>
/// </summary>
/// <param name="maxFileBytes">Largest file accepted.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitAttribute(long maxFileBytes) : Attribute, IAsyncResourceFilter, IAntiforgeryPolicy, IBodyLimit
{
    private static readonly object Exceeded = new();

    /// <summary>Largest request body read: the file and 64 KB for the other fields and the multipart framing.</summary>
    public long MaxBodyBytes { get; } = maxFileBytes + (64 * 1024);

    /// <summary>Whether this request's body was over the limit (and was not read).</summary>
    public static bool IsExceeded(HttpContext context) => context?.Items.ContainsKey(Exceeded) == true;

    /// <inheritdoc />
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        if (HttpMethods.IsPost(http.Request.Method))
        {
            if (http.Request.ContentLength > MaxBodyBytes || (http.Request.HasFormContentType && !await ReadFormAsync(http)))
            {
                http.Items[Exceeded] = true;
                http.Features.Set<IFormFeature>(new FormFeature(FormCollection.Empty));
            }
            else if (!await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                context.Result = new AntiforgeryValidationFailedResult();
                return;
            }
        }

        await next();
    }

    // False when the body proved larger than the limit while it was read (a chunked body declares no length).
    private static async Task<bool> ReadFormAsync(HttpContext http)
    {
        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
            return true;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return false;
        }
    }
}
