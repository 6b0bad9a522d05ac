using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Photocollect.Web.Api;

/// <summary>
/// How each operation is signed in, in the OpenAPI document: the student endpoints by the bearer token, the station's
/// endpoint by the staff sign-in cookie, the sign-in endpoints by nothing. Both schemes are declared once.
/// </summary>
public sealed class SignInTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    /// <summary>The bearer token's name in <c>components.securitySchemes</c>.</summary>
    public const string BearerScheme = "bearer";

    /// <summary>The staff cookie's name in <c>components.securitySchemes</c>.</summary>
    public const string CookieScheme = "staffCookie";

    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.AddComponent<IOpenApiSecurityScheme>(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The `accessToken` from `POST /s/{school}/api/v1/auth/token`, sent as `Authorization: Bearer …`. It is "
                + "opaque (not a JWT), lasts 7 days and opens only the school that issued it (another school answers 403).",
        });
        document.AddComponent<IOpenApiSecurityScheme>(CookieScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = Infrastructure.AuthRedirects.SignInCookie,
            Description = "The cookie of a staff sign-in at `/s/{school}/staff/login` (photographer, reviewer or school admin of "
                + "that school). Without it the answer is 401; another school's staff get 403.",
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count == 0 || metadata.OfType<IAllowAnonymous>().Any())
        {
            return Task.CompletedTask;
        }

        var cookie = authorize.Any(a => a.AuthenticationSchemes == IdentityConstants.ApplicationScheme);
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(cookie ? CookieScheme : BearerScheme, context.Document)] = [],
        });
        return Task.CompletedTask;
    }
}
