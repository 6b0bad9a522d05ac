using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Photocollect.Web.Api;

/// <summary>
/// A file field of a form (<see cref="IFormFile"/> in <see cref="StudentApi.PhotoUpload"/> and
/// <see cref="StudentApi.CodeUpload"/>) shares one schema, which the generator types as "string or null"; a file part
/// is never null (an optional one is simply left out), so it is a binary string.
/// </summary>
public sealed class FormFileSchemaTransformer : IOpenApiSchemaTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonTypeInfo.Type == typeof(IFormFile) && schema.Format == "binary")
        {
            schema.Type = JsonSchemaType.String;
            schema.Description ??= "A file part of the form, with its file name and content type.";
        }

        return Task.CompletedTask;
    }
}
