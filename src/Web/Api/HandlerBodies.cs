using System.Net.Mime;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Photocollect.Web.Api;

/// <summary>
/// Bodies the handlers read or write themselves, which the generator cannot infer from their signatures. Per-endpoint
/// operation transformers (<c>AddOpenApiOperationTransformer</c>) for what endpoint metadata cannot say.
/// </summary>
public static class HandlerBodies
{
    /// <summary>
    /// The code upload's JSON body is <c>{"code": "…"}</c>. <c>Accepts&lt;T&gt;</c> names its content types (routing
    /// answers 415 to others) but gives them all the form's schema.
    /// </summary>
    public static async Task CodeAsJsonAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (operation.RequestBody?.Content is { } content && content.TryGetValue(MediaTypeNames.Application.Json, out var media))
        {
            media.Schema = await context.GetOrCreateSchemaAsync(typeof(StudentApi.CodeText), cancellationToken: cancellationToken);
        }
    }

    /// <summary>The standard photo answers the JPEG's bytes; <c>Produces</c> with no type leaves the content out.</summary>
    public static Task JpegAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Description = "The JPEG, 480×640.";
            response.Content = new Dictionary<string, OpenApiMediaType>
            {
                [MediaTypeNames.Image.Jpeg] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            };
        }

        return Task.CompletedTask;
    }
}
