using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Photocollect.Web.Api;

/// <summary>
/// How each operation is signed in, in the OpenAPI document: the student endpoints by the bearer token, the station's
/// endpoint by the staff sign-in cookie, the school's endpoints (<see cref="SchoolApi"/>) by a school API key, the
/// sign-in endpoints by nothing. Each scheme is declared once.
/// </summary>
public sealed class SignInTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    /// <summary>The bearer token's name in <c>components.securitySchemes</c>.</summary>
    public const string BearerScheme = "bearer";

    /// <summary>The staff cookie's name in <c>components.securitySchemes</c>.</summary>
    public const string CookieScheme = "staffCookie";

    /// <summary>The school API key's name in <c>components.securitySchemes</c>.</summary>
    public const string SchoolKeyScheme = "schoolApiKey";

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
        document.AddComponent<IOpenApiSecurityScheme>(SchoolKeyScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = SchoolApi.KeyHeader,
            Description = "A key the school admin made at `/s/{school}/staff/api-keys` (`pcs_` and 43 characters), for the school's "
                + "own systems. It opens only that school's `/school/…` endpoints; a missing, unknown, revoked or other school's key answers 401.",
        });
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<SchoolApi.KeyRequired>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchoolKeyScheme, context.Document)] = [] });
            return Task.CompletedTask;
        }

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
