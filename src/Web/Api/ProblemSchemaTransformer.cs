using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Photocollect.Web.Api;

/// <summary>
/// The API's problems are RFC 7807 documents with two members the <see cref="ProblemDetails"/> type does not name:
/// <c>code</c>, stable and always present, and <c>traceId</c> for support (<see cref="ApiProblems"/> and the handlers'
/// problems alike). The schema names them so a client can rely on <c>code</c>.
/// </summary>
public sealed class ProblemSchemaTransformer : IOpenApiSchemaTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(context);
        if (context.JsonTypeInfo.Type != typeof(ProblemDetails))
        {
            return Task.CompletedTask;
        }

        schema.Description = "An RFC 7807 problem. Branch on `code`; show `detail`, which says what to do in the client's language "
            + "(Chinese unless `?culture=en`). Some codes carry more members: `remainingAttempts` (wrong), `lockedUntil` (locked), "
            + "`retryAfterSeconds` (busy).";
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["code"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "Stable, snake_case; each operation's responses list the codes it gives.",
        };
        schema.Properties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Give it to support." };
        schema.Required ??= new HashSet<string>();
        schema.Required.Add("code");
        return Task.CompletedTask;
    }
}
