using System.Net.Mime;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.OpenApi;
using Photocollect.Data;
using Photocollect.Delivery;
using Photocollect.Delivery.ApiKeys;
using Photocollect.Delivery.Batches;
using Photocollect.Delivery.Students;
using Photocollect.Tenancy;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Api;

/// <summary>
/// The school's read-only API for its own systems (学籍系统, 校园卡系统): <c>/s/{school}/api/v1/school/…</c>, the
/// delivery batches, their manifests and ZIPs, and one student's finished photo. A caller sends a key the school admin
/// made (<c>X-Api-Key: pcs_…</c>, <see cref="SchoolApiKeys"/>); no cookie or bearer token opens it, and a key is known
/// only at its own school. Every call is written to the export log with the key before the data leaves.
/// </summary>
public static class SchoolApi
{
    /// <summary>The request header that carries the key.</summary>
    public const string KeyHeader = "X-Api-Key";

    // The export log's kinds of the calls; the ZIP is logged by Deliveries.WriteZipAsync as delivery-zip.
    private const string BatchesKind = "api:batches";
    private const string ManifestKind = "api:manifest";
    private const string ZipKind = "api:zip";
    private const string PhotoKind = "api:photo";

    /// <summary>
    /// Marks the endpoints opened by a school API key, for the OpenAPI document (<see cref="SignInTransformer"/>
    /// requires the key's security scheme on them).
    /// </summary>
    public sealed class KeyRequired;

    /// <summary>A delivery batch.</summary>
    public sealed record BatchView(Guid Id, int Number, string Campaign, string? Level, string? College, int PhotoCount,
        DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);

    /// <summary>One student of a batch, ID number in full (the school's own record).</summary>
    public sealed record ManifestRowView(string StudentNumber, string Name, string IdNumber, string Level, string College, string Major,
        string ClassName, string FileName, DateTimeOffset? ReviewedAt);

    /// <summary>A batch and its students, in file-name order.</summary>
    public sealed record ManifestView(BatchView Batch, IReadOnlyList<ManifestRowView> Rows);

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapSchoolApi(this IEndpointRouteBuilder app)
    {
        // As the student API: written after the school, whose /s/{school} prefix is in PathBase by now.
        var school = app.MapGroup("/api/v1/school").WithTags("school").WithMetadata(new KeyRequired()).AddEndpointFilter(WithKeyAsync)
            .ProblemCodes(401, "unauthorized");
        school.MapGet("/batches", BatchesAsync)
            .WithName("ListDeliveryBatches").WithSummary("The school's delivery batches (交付批次), newest first.")
            .Produces<IReadOnlyList<BatchView>>();
        school.MapGet("/batches/{id:guid}", ManifestAsync)
            .WithName("GetDeliveryManifest").WithSummary("A batch's manifest: each student with full ID number, class, file name and when the photo was approved.")
            .Produces<ManifestView>().ProblemCodes(404, "not_found");
        school.MapGet("/batches/{id:guid}/zip", ZipAsync)
            .WithName("DownloadDelivery").WithSummary("The batch as one ZIP: photos/…, manifest.xlsx, manifest.csv, validation.csv. The first download marks the batch delivered.")
            .Produces(StatusCodes.Status200OK, contentType: MediaTypeNames.Application.Zip).AddOpenApiOperationTransformer(ZipBody)
            .ProblemCodes(404, "not_found");
        school.MapGet("/students/{studentNumber}/photo", PhotoAsync)
            .WithName("GetStudentPhoto").WithSummary("The student's finished graduation photo (approved and produced, 已完成), from the latest graduation campaign that has one.")
            .Produces(StatusCodes.Status200OK, contentType: MediaTypeNames.Image.Jpeg).AddOpenApiOperationTransformer(HandlerBodies.JpegAsync)
            .ProblemCodes(404, "not_found");
        return app;
    }

    // Every call names a working key of this school; its id travels to the handler for the export log. The answers
    // carry personal data: no cache keeps them.
    private static async ValueTask<object?> WithKeyAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.RequestServices.GetRequiredService<TenantContext>().Kind != TenantScopeKind.Tenant)
        {
            return Results.NotFound();
        }

        var sent = http.Request.Headers[KeyHeader];
        var key = sent.Count == 1 ? sent[0] : null;
        if (await http.RequestServices.GetRequiredService<SchoolApiKeys>().AuthenticateAsync(key, http.RequestAborted) is not { } id)
        {
            var text = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            return Problem(401, "unauthorized", text["SchoolApi.Unauthorized", KeyHeader]);
        }

        http.Items[typeof(KeyRequired)] = id;
        http.Response.Headers.CacheControl = "no-store";
        return await next(context);
    }

    private static async Task<IResult> BatchesAsync(HttpContext http, Deliveries deliveries, ExportLog log, CancellationToken cancellationToken)
    {
        var batches = await deliveries.ListAsync(null, cancellationToken);
        await log.RecordAsync(Caller(http), BatchesKind, "batches", batches.Count, cancellationToken);
        return Results.Ok(batches.Select(b => new BatchView(b.Id, b.Number, b.CampaignName, b.Level, b.College, b.PhotoCount, b.CreatedAt, b.DeliveredAt)).ToList());
    }

    private static async Task<IResult> ManifestAsync(Guid id, HttpContext http, Deliveries deliveries, AppDbContext db, ExportLog log,
        IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        if (await deliveries.FindAsync(id, cancellationToken) is not { } batch)
        {
            await log.RecordAsync(Caller(http), ManifestKind, $"batch {id}", 0, cancellationToken);
            return Problem(404, "not_found", text["SchoolApi.BatchNotFound"]);
        }

        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.Id == batch.CampaignId).Select(c => c.Name).SingleAsync(cancellationToken);
        var rows = await deliveries.ManifestAsync(batch.Id, cancellationToken);
        await log.RecordAsync(Caller(http), ManifestKind, $"batch {batch.Number}", rows.Count, cancellationToken);
        return Results.Ok(new ManifestView(
            new BatchView(batch.Id, batch.Number, campaign, batch.Level, batch.College, batch.PhotoCount, batch.CreatedAt, batch.DeliveredAt),
            [.. rows.Select(r => new ManifestRowView(r.StudentNumber, r.Name, r.IdNumber, r.Level, r.College, r.Major, r.ClassName, r.FileName, r.ReviewedAt))]));
    }

    // Streamed into the response as it is made (Deliveries reads the photos a page at a time), logged by WriteZipAsync.
    private static async Task<IResult> ZipAsync(Guid id, HttpContext http, Deliveries deliveries, ExportLog log, IStringLocalizer<SharedResource> text,
        CancellationToken cancellationToken)
    {
        if (await deliveries.FindAsync(id, cancellationToken) is not { } batch)
        {
            await log.RecordAsync(Caller(http), ZipKind, $"batch {id}", 0, cancellationToken);
            return Problem(404, "not_found", text["SchoolApi.BatchNotFound"]);
        }

        var caller = Caller(http);
        return Results.Stream(body => deliveries.WriteZipAsync(batch, body, caller, http.RequestAborted), MediaTypeNames.Application.Zip, Deliveries.ZipName(batch));
    }

    private static async Task<IResult> PhotoAsync(string studentNumber, HttpContext http, FinishedPhotos photos, ExportLog log,
        IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var photo = await photos.LatestAsync(studentNumber, cancellationToken);
        await log.RecordAsync(Caller(http), PhotoKind, studentNumber, photo is null ? 0 : 1, cancellationToken);
        return photo is null
            ? Problem(404, "not_found", text["SchoolApi.PhotoNotFound"])
            : Results.File(photo.Jpeg, MediaTypeNames.Image.Jpeg, $"{studentNumber}.jpg");
    }

    private static ExportLog.Requester Caller(HttpContext http) =>
        new(null, (Guid)http.Items[typeof(KeyRequired)]!, Requesters.Address(http));

    private static Task ZipBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Description = "The ZIP, written as it is made (no Content-Length).";
            response.Content = new Dictionary<string, OpenApiMediaType>
            {
                [MediaTypeNames.Application.Zip] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
            };
        }

        return Task.CompletedTask;
    }

    private static IResult Problem(int status, string code, string detail) =>
        Results.Problem(detail: detail, statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });
}
