using System.Net.Mime;
using Microsoft.AspNetCore.Mvc;

namespace Photocollect.Web.Api;

/// <summary>
/// Declares an error answer of an endpoint for the OpenAPI document: an <c>application/problem+json</c> problem of
/// that status, with the <c>code</c> values the handler gives it in the response's description (a client branches on
/// the code, not on the status alone).
/// </summary>
public static class ProblemResponses
{
    /// <summary>Adds the problem response <paramref name="status"/> carrying one of <paramref name="codes"/>.</summary>
    public static TBuilder ProblemCodes<TBuilder>(this TBuilder builder, int status, params string[] codes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(codes);
        return builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), [MediaTypeNames.Application.ProblemJson])
        {
            Description = $"{Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status)}. Problem code: {string.Join(", ", codes)}.",
        });
    }
}
