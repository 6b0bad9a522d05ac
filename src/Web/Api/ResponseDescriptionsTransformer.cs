using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Photocollect.Web.Api;

/// <summary>
/// Writes the description an endpoint gives a response (<see cref="ProblemResponses.ProblemCodes"/>: which problem
/// codes come with that status) into the operation; the generator writes only the reason phrase.
/// </summary>
public sealed class ResponseDescriptionsTransformer : IOpenApiOperationTransformer
{
    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var described = context.Description.ActionDescriptor.EndpointMetadata.OfType<IProducesResponseTypeMetadata>()
            .Where(m => !string.IsNullOrEmpty(m.Description))
            .GroupBy(m => m.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var status in described)
        {
            if (operation.Responses?.TryGetValue(status.Key, out var response) == true && response is OpenApiResponse written)
            {
                written.Description = string.Join(" ", status.Select(m => m.Description).Distinct());
            }
        }

        return Task.CompletedTask;
    }
}
