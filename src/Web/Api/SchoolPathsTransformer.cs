using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Photocollect.Tenancy.Resolution;

namespace Photocollect.Web.Api;

/// <summary>
/// Writes the API's paths as a client calls them. The routes are mapped as <c>/api/v1/…</c> (and the station's
/// <c>/staff/api/…</c>): by the time routing runs, <see cref="TenantResolutionMiddleware"/> has moved the
/// <c>/s/{school}</c> prefix into PathBase, so the generator, which reads the route table, never sees it, and
/// <c>/api/v1/…</c> alone answers 404 outside a school. Each such path gets the prefix back, with <c>school</c> a path
/// parameter; the description says that a school's own host name leaves the prefix out.
/// </summary>
public sealed class SchoolPathsTransformer : IOpenApiDocumentTransformer
{
    /// <summary>The path parameter, also its name in <c>components.parameters</c>.</summary>
    public const string Parameter = "school";

    private static readonly string Prefix = $"/{PathPrefixStrategy.Segment}/{{{Parameter}}}";

    /// <inheritdoc />
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        document.Info = new OpenApiInfo
        {
            Title = "Photocollect API",
            Version = context.DocumentName,
            Description = $$"""
                The student side of Photocollect as JSON, for the WeChat mini-program: graduation photo collection
                (`/collection/…`, with the collection code), the freshman photo upload (`/freshman/…`, 新生照片上传),
                orders, payment and reprints (加洗), and on-site collection (`/offline/…`: booking, the queue number
                from the station's QR, the live queue). The photographer's station reads the QR's current text from
                `/staff/api/offline/sessions/{id}/ticket`, signed in as staff (cookie).

                Every path begins with `{{Prefix}}`, the school's slug: `/s/beifang/api/v1/campaign`. On a school's own host
                name (its subdomain or custom domain) the prefix is left out: `https://photo.example.edu.cn/api/v1/campaign`.

                Sign in with `POST …/auth/code` and `POST …/auth/token`, then send the token as `Authorization: Bearer …`.
                The school's own systems (学籍, 校园卡) read delivery batches, manifests and finished photos from
                `/school/…` with a key the school admin made, sent as `X-Api-Key: pcs_…`.
                Enumerations travel as their names (`"PendingPayment"`). Every error is `application/problem+json` with a
                stable `code` and a `detail` to show; add `?culture=en` for English details.
                """,
        };
        // Relative to where the document was read, without the school prefix that a /s/{school}/openapi/… request has.
        document.Servers = [new OpenApiServer { Url = "/", Description = "This site" }];
        document.AddComponent<IOpenApiParameter>(Parameter, new OpenApiParameter
        {
            Name = Parameter,
            In = ParameterLocation.Path,
            Required = true,
            Description = "The school's slug (2–40 lower-case letters, digits and hyphens), e.g. `beifang`. An unknown school "
                + "answers 404 (code `not_found`), a suspended one 403.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$" },
            Example = JsonValue.Create("beifang"),
        });

        var paths = new OpenApiPaths();
        foreach (var (path, item) in document.Paths)
        {
            if ((path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/staff/api/", StringComparison.Ordinal))
                && item is OpenApiPathItem schoolPath)
            {
                schoolPath.Parameters ??= [];
                schoolPath.Parameters.Insert(0, new OpenApiParameterReference(Parameter, document));
                paths.Add(Prefix + path, schoolPath);
            }
            else
            {
                paths.Add(path, item);
            }
        }

        document.Paths = paths;
        return Task.CompletedTask;
    }
}
