using System.Net.Mime;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Photocollect.Grains.Orders;
using Photocollect.Grains.Students;
using Photocollect.Tenancy;
using Photocollect.Accounts;
using Photocollect.Accounts.SmsLogin;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Payments;
using Photocollect.Collection.Registry;
using Photocollect.Web.Infrastructure;
using Photocollect.Web.Text;

namespace Photocollect.Web.Api;

/// <summary>
/// The student flow as a versioned JSON API for a WeChat mini-program client: <c>/s/{school}/api/v1/...</c> (or the
/// school's own host), bearer tokens from an SMS code, the same <see cref="CollectionFlow"/> as the pages. The steps
/// after verification serve both flows: <c>/collection/…</c> (graduates, with a collection code) and
/// <c>/freshman/…</c> (新生照片上传, verified against the roster); reprints are <c>/reprints</c>. Errors
/// are RFC 7807 problem documents with a stable <c>code</c> and a Chinese <c>detail</c> saying what to do.
/// The OpenAPI document is served at <c>/openapi/v1.json</c>.
/// </summary>
public static partial class StudentApi
{
    // The uploads' body limit (RequestBodyLimits); every other endpoint takes the small default.
    private static readonly UploadLimitAttribute Upload = new(CollectionFlow.MaxUploadBytes);

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapStudentApi(this IEndpointRouteBuilder app)
    {
        // The routes are written after the school: the tenant resolution has moved /s/{school} into PathBase by the
        // time routing runs. The OpenAPI document puts the prefix back (SchoolPathsTransformer).
        var api = app.MapGroup("/api/v1").WithTags("student").AddEndpointFilter(InsideASchool);
        api.MapPost("/auth/code", SendCodeAsync).AllowAnonymous()
            .WithName("SendCode").WithSummary("Sends a six-digit sign-in code by SMS to a mainland mobile number.")
            .Produces(StatusCodes.Status202Accepted)
            .ProblemCodes(400, "invalid_phone", "bad_request").ProblemCodes(429, "too_soon", "phone_daily_limit", "ip_limit").ProblemCodes(503, "send_failed");
        api.MapPost("/auth/token", TokenAsync).AllowAnonymous()
            .WithName("IssueToken").WithSummary("Trades the SMS code for a bearer token (creating the account on first use); agree must be true.")
            .Produces<AccessTokenResponse>()
            .ProblemCodes(400, "must_agree", "invalid_phone", "malformed_code", "no_active_code", "wrong_code", "bad_request").ProblemCodes(429, "code_locked");

        var student = api.MapGroup("").RequireAuthorization(new AuthorizeAttribute
        {
            Policy = Policies.Student,
            AuthenticationSchemes = IdentityConstants.BearerScheme,
        }).ProblemCodes(401, "unauthorized").ProblemCodes(403, "forbidden");
        student.MapGet("/campaign", CampaignAsync)
            .WithName("GetCampaign").WithSummary("The school's campaign of this kind (graduation unless kind=Freshman) and whether it is open.")
            .Produces<CampaignView>().ProblemCodes(404, "no_campaign");
        student.MapPost("/collection/code", CodeAsync).DisableAntiforgery().WithMetadata(Upload)
            .WithName("ReadCollectionCode").WithSummary("Reads the collection code: a picture of its QR code, or its text.")
            .Accepts<CodeUpload>(MediaTypeNames.Multipart.FormData, MediaTypeNames.Application.Json).AddOpenApiOperationTransformer(HandlerBodies.CodeAsJsonAsync)
            .Produces<RecordView>().ProblemCodes(404, "no_campaign").ProblemCodes(409, "not_started", "ended").ProblemCodes(413, "too_large")
            .ProblemCodes(422, "not_an_image", "no_code", "several_codes", "malformed", "forged", "expired", "not_found", "other_school")
            .ProblemCodes(503, "busy (retry after Retry-After seconds)", "unavailable");
        foreach (var flow in new[] { "collection", "freshman" })
        {
            var name = flow == "collection" ? "Collection" : "Freshman";
            student.MapGet($"/{flow}", StateAsync)
                .WithName($"Get{name}State").WithSummary("Where the student is in this flow.")
                .Produces<StateView>().ProblemCodes(404, "no_campaign");
            student.MapPost($"/{flow}/verify", VerifyAsync)
                .WithName($"Verify{name}Record").WithSummary(flow == "collection"
                    ? "Confirms the record read from the code, with what the campaign's verification asks for."
                    : "Finds the student on the roster: name, student number, and what the campaign's verification asks for.")
                .Produces<RecordView>().ProblemCodes(400, "bad_request").ProblemCodes(404, "no_campaign")
                .ProblemCodes(409, "not_started", "ended", "no_pending_record", "taken_by_another_account")
                .ProblemCodes(422, "wrong (with remainingAttempts)", "not_on_roster", "level_not_offered", "bad_phone").ProblemCodes(429, "locked (with lockedUntil)");
            student.MapPost($"/{flow}/standards", StandardsAsync)
                .WithName($"Acknowledge{name}Standards").WithSummary("Records that the student read the photo standards; capture comes next.")
                .Accepts<StandardsRequest>(MediaTypeNames.Application.Json)
                .Produces<StateView>().ProblemCodes(404, "no_campaign").ProblemCodes(409, "not_started", "ended", "no_record")
                .ProblemCodes(422, "no_consent");
            student.MapPost($"/{flow}/photos", PhotoAsync).DisableAntiforgery().WithMetadata(Upload)
                .WithName($"Check{name}Photo").WithSummary("Uploads a photo for the automatic check; a passed photo can be submitted.")
                .Accepts<PhotoUpload>(MediaTypeNames.Multipart.FormData)
                .Produces<PhotoView>().ProblemCodes(400, "no_photo").ProblemCodes(404, "no_campaign").ProblemCodes(409, "not_started", "ended", "no_record")
                .ProblemCodes(413, "too_large").ProblemCodes(422, "not_an_image").ProblemCodes(503, "busy (retry after Retry-After seconds)");
            student.MapPost($"/{flow}/photos/{{id:guid}}/submit", SubmitAsync)
                .WithName($"Submit{name}Photo").WithSummary("Submits a passed photo: creates the order, or puts a reshot photo on the order.")
                .Produces<OrderView>().ProblemCodes(404, "no_campaign", "not_found").ProblemCodes(409, "not_started", "ended", "not_passed", "status");
        }

        student.MapGet("/collection/photos/{id:guid}/standard", StandardPhotoAsync)
            .WithName("GetStandardPhoto").WithSummary("The 480×640 standard photo made from an upload of the student's.")
            .Produces(StatusCodes.Status200OK, contentType: MediaTypeNames.Image.Jpeg).AddOpenApiOperationTransformer(HandlerBodies.JpegAsync)
            .ProblemCodes(404, "not_found");
        student.MapGet("/reprints", ReprintOptionsAsync)
            .WithName("GetReprintOptions").WithSummary("The completed photos the student may order prints (加洗) of.")
            .Produces<IReadOnlyList<ReprintOptionView>>();
        student.MapPost("/reprints", ReprintAsync)
            .WithName("OrderReprints").WithSummary("Orders sets of prints of a completed order's photo; the same requestId gives the same order.")
            .Produces<OrderView>().ProblemCodes(400, "request_id", "copies", "bad_request").ProblemCodes(404, "not_found");
        student.MapGet("/orders", OrdersAsync)
            .WithName("ListOrders").WithSummary("The student's orders at this school, newest first (at most 100), optionally of one status.")
            .Produces<IReadOnlyList<OrderView>>();
        student.MapGet("/orders/{id:guid}", OrderAsync)
            .WithName("GetOrder").WithSummary("One of the student's orders.")
            .Produces<OrderView>().ProblemCodes(404, "not_found");
        student.MapGet("/orders/{id:guid}/photo", FinishedPhotoAsync)
            .WithName("DownloadOrderPhoto").WithSummary("下载电子照片: the finished 480×640 photo of one of the student's completed orders, as a download named 姓名_学号.jpg.")
            .Produces(StatusCodes.Status200OK, contentType: MediaTypeNames.Image.Jpeg).AddOpenApiOperationTransformer(HandlerBodies.JpegAsync)
            .ProblemCodes(404, "not_found");
        student.MapPost("/orders/{id:guid}/pay", PayAsync)
            .WithName("PayOrder").WithSummary("Starts paying an order: where to send the student to pay.")
            .Produces<PaymentView>().ProblemCodes(404, "not_found").ProblemCodes(409, "closed", "paid").ProblemCodes(503, "provider");
        MapOffline(student);
        MapPersonalData(student);
        return app;
    }

    /// <summary>Request of an SMS code.</summary>
    public sealed record CodeRequest(string? Phone);

    /// <summary>The standards step: the student's separate consent to the processing of their face image.</summary>
    public sealed record StandardsRequest(bool FaceConsent);

    /// <summary>Request of a token.</summary>
    public sealed record TokenRequest(string? Phone, string? Code, bool Agree);

    /// <summary>A collection code as text.</summary>
    public sealed record CodeText(string? Code);

    /// <summary>The collection code as a form: a screenshot or photo of its QR code, or its text (the picture wins).</summary>
    public sealed record CodeUpload(IFormFile? Picture = null, string? Code = null);

    /// <summary>A photo to check, as a form: the image file, up to 15 MB.</summary>
    public sealed record PhotoUpload(IFormFile Photo);

    /// <summary>The campaign.</summary>
    public sealed record CampaignView(Guid Id, string Name, CampaignKind Kind, DateTimeOffset StartsAt, DateTimeOffset EndsAt, WindowState Window, long PriceFen,
        VerificationMode Verification, IReadOnlyList<string> Levels, bool LiveCameraOnly, string SupportPhone, string SupportHours);

    /// <summary>A record, ID number masked.</summary>
    public sealed record RecordView(string Name, string Gender, string IdNumber, string SchoolCode, string SchoolName, string Level, string Major, string StudentNumber);

    /// <summary>Where the student is.</summary>
    public sealed record StateView(StudentStep Step, int CheckAttempts, Guid? LastPhotoId, bool? LastPassed, Guid? OrderId);

    /// <summary>One check.</summary>
    public sealed record CheckView(string Name, bool Pass, bool Skipped, string Message);

    /// <summary>A checked photo.</summary>
    public sealed record PhotoView(Guid Id, bool Passed, IReadOnlyList<CheckView> Checks, double? ComparisonScore, bool? SamePerson);

    /// <summary>An order (seed 002's card; ID and phone masked). <c>Kind</c> is its type as shown (集采, 新生照片 for a
    /// freshman campaign's order, 加洗); <c>IdNumber</c> is null when the record holds none (a freshman's, or one
    /// erased); when rejected, the reason, its fix and the reviewer's note. <c>Actions</c> may hold <c>download_photo</c> once it is complete: <c>GET orders/{id}/photo</c>.</summary>
    public sealed record OrderView(Guid Id, string Number, OrderStatus Status, string StatusText, string Kind, int Copies, string Name, string? IdNumber, string Phone,
        long PriceFen, string Currency, DateTimeOffset CreatedAt, DateTimeOffset PayBy, Guid? PhotoId, string? RejectReason, string? RejectFix, string? RejectNote, IReadOnlyList<string> Actions);

    /// <summary>A completed photo the student may order prints of, at <c>PriceFen</c> a set, up to <c>MaxCopies</c> sets.</summary>
    public sealed record ReprintOptionView(Guid OrderId, string Number, string Campaign, Guid PhotoId, long PriceFen, int MaxCopies);

    /// <summary>An order of reprints: the completed order, sets, and the new order's id made by the client (a retry
    /// with the same id gives the same order).</summary>
    public sealed record ReprintRequest(Guid SourceOrderId, int Copies, Guid RequestId);

    /// <summary>Where to pay: open <c>CashierUrl</c>, show <c>QrText</c> as a QR code, or call WeChat's JSAPI with <c>JsApi</c>.</summary>
    public sealed record PaymentView(Guid PaymentId, string? CashierUrl, string? QrText, IReadOnlyDictionary<string, string>? JsApi, long AmountFen);

    private static async ValueTask<object?> InsideASchool(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<TenantContext>().Kind == TenantScopeKind.Tenant
            ? await next(context)
            : Results.NotFound();

    private static async Task<IResult> SendCodeAsync(CodeRequest request, HttpContext http, SmsCodeService codes, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var result = await codes.SendAsync(request.Phone, http.Connection.RemoteIpAddress?.ToString() ?? "unknown", cancellationToken);
        return result.Status switch
        {
            SendCodeStatus.Sent => Results.Accepted(),
            SendCodeStatus.TooSoon => Problem(429, "too_soon", text["Login.TooSoon", (int)Math.Ceiling(result.RetryAfter.TotalSeconds)]),
            SendCodeStatus.InvalidPhone => Problem(400, "invalid_phone", text["Login.InvalidPhone"]),
            SendCodeStatus.PhoneDailyLimit => Problem(429, "phone_daily_limit", text["Login.PhoneDailyLimit"]),
            SendCodeStatus.IpLimit => Problem(429, "ip_limit", text["Login.IpLimit"]),
            _ => Problem(503, "send_failed", text["Login.SendFailed"]),
        };
    }

    private static async Task<IResult> TokenAsync(TokenRequest request, SmsCodeService codes, StudentAccounts accounts, SignInManager<AppUser> signIn,
        IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        if (!request.Agree)
        {
            return Problem(400, "must_agree", text["Login.MustAgree"]);
        }

        var result = await codes.VerifyAsync(request.Phone, request.Code, cancellationToken);
        if (result.Status != VerifyCodeStatus.Verified)
        {
            return result.Status switch
            {
                VerifyCodeStatus.InvalidPhone => Problem(400, "invalid_phone", text["Login.InvalidPhone"]),
                VerifyCodeStatus.Malformed => Problem(400, "malformed_code", text["Login.CodeMalformed"]),
                VerifyCodeStatus.NoActiveCode => Problem(400, "no_active_code", text["Login.NoActiveCode"]),
                VerifyCodeStatus.Wrong => Problem(400, "wrong_code", text["Login.WrongCode", result.RemainingAttempts]),
                _ => Problem(429, "code_locked", text["Login.CodeLocked"]),
            };
        }

        var user = await accounts.FindOrCreateAsync(result.Phone!, cancellationToken);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<IResult> CampaignAsync(CollectionFlow flow, IStringLocalizer<SharedResource> text, CampaignKind? kind, CancellationToken cancellationToken)
    {
        var campaign = await flow.CampaignAsync(kind ?? CampaignKind.Graduation, cancellationToken);
        return campaign is null
            ? Problem(404, "no_campaign", text[kind == CampaignKind.Freshman ? "Collect.NoFreshmanCampaign" : "Collect.NoCampaign"])
            : Results.Ok(new CampaignView(campaign.Id, campaign.Name, campaign.Kind, campaign.StartsAt, campaign.EndsAt, flow.Window(campaign),
                campaign.PriceFen, campaign.Verification, campaign.Levels, campaign.LiveCameraOnly, campaign.SupportPhone, campaign.SupportHours));
    }

    private static async Task<IResult> StateAsync(HttpRequest request, ClaimsPrincipal user, CollectionFlow flow, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var (campaign, closed) = await OpenAsync(request, flow, text, cancellationToken, allowClosed: true);
        if (campaign is null)
        {
            return closed!;
        }

        var state = await flow.StateAsync(Account(user), campaign, cancellationToken);
        return Results.Ok(new StateView(state.Step, state.CheckAttempts, state.LastCheck?.PhotoId, state.LastCheck?.Passed, state.OrderId));
    }

    private static async Task<IResult> CodeAsync(HttpRequest request, ClaimsPrincipal user, CollectionFlow flow, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var (campaign, closed) = await OpenAsync(request, flow, text, cancellationToken);
        if (campaign is null)
        {
            return closed!;
        }

        if (TooLarge(request))
        {
            return Problem(413, "too_large", text["Collect.Code.TooLarge", CollectionFlow.MaxUploadBytes / 1024 / 1024]);
        }

        byte[]? picture = null;
        string? code = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            if (form.Files.GetFile("picture") is { Length: > 0 } file)
            {
                if (file.Length > CollectionFlow.MaxUploadBytes)
                {
                    return Problem(413, "too_large", text["Collect.Code.TooLarge", CollectionFlow.MaxUploadBytes / 1024 / 1024]);
                }

                picture = await file.ReadAllBytesAsync(cancellationToken);
            }

            code = form["code"];
        }
        else
        {
            code = (await ReadJsonAsync<CodeText>(request, cancellationToken))?.Code;
        }

        var result = await flow.ReadCodeAsync(Account(user), campaign, picture, code, cancellationToken);
        if (result.Problem is CodeProblem.Busy)
        {
            return Busy(request, "busy", text["Collect.Code.Busy"]);
        }

        return result.Record is { } record
            ? Results.Ok(View(record))
            : Problem(result.Problem is CodeProblem.Unavailable ? 503 : 422, Snake(result.Problem!.Value.ToString()), text[$"Collect.Code.{result.Problem}"]);
    }

    private static async Task<IResult> VerifyAsync(HttpRequest request, VerifyInput input, ClaimsPrincipal user, CollectionFlow flow, TenantContext tenant, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var (campaign, closed) = await OpenAsync(request, flow, text, cancellationToken);
        if (campaign is null)
        {
            return closed!;
        }

        var freshman = campaign.Kind == CampaignKind.Freshman;
        var result = freshman
            ? await flow.VerifyFromRosterAsync(Account(user), user.Identity?.Name ?? "", campaign, input, cancellationToken)
            : await flow.VerifyAsync(Account(user), user.Identity?.Name ?? "", campaign, input, cancellationToken);
        return result.Problem switch
        {
            null => Results.Ok(new RecordView(result.Record!.Name, result.Record.Gender, IdNumber.Mask(result.Record.IdNumber),
                tenant.RequiredSchool.SchoolCode, tenant.RequiredSchool.DisplayName,
                result.Record.Level, result.Record.Major, result.Record.StudentNumber)),
            VerifyProblem.Wrong => Problem(422, "wrong", text[$"{(freshman ? "Freshman" : "Collect.Verify")}.Wrong.{campaign.Verification}", result.RemainingAttempts],
                new Dictionary<string, object?> { ["remainingAttempts"] = result.RemainingAttempts }),
            VerifyProblem.Locked => Problem(429, "locked", text["Collect.Verify.Locked", Text.Formats.ChinaTime(result.LockedUntil), campaign.SupportPhone],
                new Dictionary<string, object?> { ["lockedUntil"] = result.LockedUntil }),
            VerifyProblem.NotOnRoster or VerifyProblem.LevelNotOffered => Problem(422, Snake(result.Problem.Value.ToString()), text[$"Collect.Unable.{result.Problem}"]),
            VerifyProblem.BadPhone => Problem(422, "bad_phone", text["Collect.Verify.BadPhone"]),
            _ => Problem(409, Snake(result.Problem.Value.ToString()), text[$"Collect.Verify.{result.Problem}", campaign.SupportPhone]),
        };
    }

    private static async Task<IResult> StandardsAsync(HttpRequest request, ClaimsPrincipal user, CollectionFlow flow, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var (campaign, closed) = await OpenAsync(request, flow, text, cancellationToken);
        if (campaign is null)
        {
            return closed!;
        }

        // The body says whether the student consented to the face image; none, or anything but true, is a no.
        var consent = request.HasJsonContentType() && await request.ReadFromJsonAsync<StandardsRequest>(cancellationToken) is { FaceConsent: true };
        if (!consent)
        {
            return Problem(422, "no_consent", text["Collect.Consent.Declined"]);
        }

        var state = await flow.AcknowledgeStandardsAsync(Account(user), campaign, faceConsent: true, cancellationToken);
        return state.Step == StudentStep.NeedsRecord
            ? Problem(409, "no_record", text["Collect.Verify.NoPendingRecord"])
            : Results.Ok(new StateView(state.Step, state.CheckAttempts, state.LastCheck?.PhotoId, state.LastCheck?.Passed, state.OrderId));
    }

    private static async Task<IResult> PhotoAsync(HttpRequest request, ClaimsPrincipal user, CollectionFlow flow, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var (campaign, closed) = await OpenAsync(request, flow, text, cancellationToken);
        if (campaign is null)
        {
            return closed!;
        }

        if (TooLarge(request))
        {
            return Problem(413, "too_large", text["Collect.Capture.TooLarge", CollectionFlow.MaxUploadBytes / 1024 / 1024]);
        }

        if (!request.HasFormContentType || (await request.ReadFormAsync(cancellationToken)).Files.GetFile("photo") is not { Length: > 0 } file)
        {
            return Problem(400, "no_photo", text["Collect.Capture.Nothing"]);
        }

        if (file.Length > CollectionFlow.MaxUploadBytes)
        {
            return Problem(413, "too_large", text["Collect.Capture.TooLarge", CollectionFlow.MaxUploadBytes / 1024 / 1024]);
        }

        var result = await flow.CheckPhotoAsync(Account(user), campaign, await file.ReadAllBytesAsync(cancellationToken), cancellationToken: cancellationToken);
        return result.Problem switch
        {
            null => Results.Ok(new PhotoView(result.Photo!.Id, result.Photo.Passed,
                result.Report.Checks.Select(c => new CheckView(c.Name, c.Pass, c.Skipped, c.Message)).ToList(), result.Photo.ComparisonScore, result.Photo.SamePerson)),
            "no_record" => Problem(409, "no_record", text["Collect.Verify.NoPendingRecord"]),
            "busy" => Busy(request, "busy", text["Collect.Capture.busy"]),
            var problem => Problem(422, problem, text[$"Collect.Capture.{problem}"]),
        };
    }

    private static async Task<IResult> StandardPhotoAsync(Guid id, ClaimsPrincipal user, PhotoFiles files, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken) =>
        await files.PhotoAsync(id, standard: true, Account(user), cancellationToken) is { } jpeg
            ? Results.File(jpeg, MediaTypeNames.Image.Jpeg)
            : Problem(404, "not_found", text["Collect.Result.not_found"]);

    private static async Task<IResult> FinishedPhotoAsync(Guid id, ClaimsPrincipal user, PhotoFiles files, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        if (await files.FinishedAsync(Account(user), id, cancellationToken) is not { } photo)
        {
            return Problem(404, "not_found", text["Api.OrderNotFound"]);
        }

        // Results.File names it in filename* (UTF-8) and filename (its ASCII fallback) itself.
        return Results.File(photo.Jpeg, MediaTypeNames.Image.Jpeg, photo.FileName);
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, Guid id, ClaimsPrincipal user, CollectionFlow flow, AppDbContext db, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var (campaign, closed) = await OpenAsync(request, flow, text, cancellationToken);
        if (campaign is null)
        {
            return closed!;
        }

        var result = await flow.SubmitAsync(Account(user), campaign, id, cancellationToken);
        return result.Problem switch
        {
            null => Results.Ok(await ViewAsync(db, text, result.Order!, cancellationToken)),
            "not_found" => Problem(404, "not_found", text["Collect.Result.not_found"]),
            var problem => Problem(409, problem, text[$"Collect.Result.{problem}"]),
        };
    }

    private static async Task<IResult> ReprintOptionsAsync(ClaimsPrincipal user, Reprints reprints, CancellationToken cancellationToken) =>
        Results.Ok((await reprints.OptionsAsync(Account(user), cancellationToken))
            .Select(o => new ReprintOptionView(o.OrderId, o.Number, o.Campaign, o.PhotoId, o.PriceFen, Reprints.MaxCopies)));

    private static async Task<IResult> ReprintAsync(ReprintRequest request, ClaimsPrincipal user, Reprints reprints, AppDbContext db, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        if (request.RequestId == Guid.Empty)
        {
            return Problem(400, "request_id", text["Api.RequestIdMissing"]);
        }

        var result = await reprints.OrderAsync(Account(user), request.RequestId, request.SourceOrderId, request.Copies, cancellationToken);
        return result.Order is { } order
            ? Results.Ok(await ViewAsync(db, text, order, cancellationToken))
            : Problem(result.Problem == "copies" ? 400 : 404, result.Problem!, text[$"Reprints.Problem.{result.Problem}", Reprints.MaxCopies]);
    }

    private static async Task<IResult> OrdersAsync(ClaimsPrincipal user, StudentOrders list, AppDbContext db, IStringLocalizer<SharedResource> text, OrderStatus? status, CancellationToken cancellationToken)
    {
        // The student's order-list grain holds the list (decision 017); the reasons' texts are the school's to edit, so
        // they are read, only when some order was rejected.
        var orders = await list.ListAsync(Account(user), status, cancellationToken);
        var codes = orders.Select(o => o.RejectReason).OfType<string>().Distinct().ToList();
        var reasons = codes.Count == 0
            ? []
            : await db.RejectReasons.AsNoTracking().Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, cancellationToken);
        return Results.Ok(orders.Select(o => View(text, o, o.RejectReason is { } code ? reasons.GetValueOrDefault(code) : null)).ToList());
    }

    private static async Task<IResult> OrderAsync(Guid id, ClaimsPrincipal user, AppDbContext db, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var account = Account(user);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && o.AccountId == account, cancellationToken);
        return order is null ? Problem(404, "not_found", text["Api.OrderNotFound"]) : Results.Ok(await ViewAsync(db, text, order, cancellationToken));
    }

    private static async Task<IResult> PayAsync(Guid id, ClaimsPrincipal user, PaymentService payments, SchoolUrls urls, HttpRequest request, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var (payment, checkout, problem) = await payments.StartAsync(Account(user), id, PayContext.Of(request, urls.Of(request)), cancellationToken);
        return checkout is not null
            ? Results.Ok(new PaymentView(payment!.Id, checkout.RedirectUrl, checkout.QrText, checkout.JsApi, payment.AmountFen))
            : problem switch
            {
                "not_found" => Problem(404, "not_found", text["Api.OrderNotFound"]),
                "closed" => Problem(409, "closed", text["Orders.Pay.Closed"]),
                "provider" => Problem(503, "provider", text["Orders.Pay.Failed"]),
                _ => Problem(409, "paid", text["Orders.Pay.AlreadyPaid"]),
            };
    }

    private static async Task<OrderView> ViewAsync(AppDbContext db, IStringLocalizer<SharedResource> text, Order order, CancellationToken cancellationToken)
    {
        var holder = await db.StudentRecords.AsNoTracking().Where(r => r.Id == order.RecordId)
            .Select(r => new { r.Name, r.IdNumber, r.Phone }).SingleAsync(cancellationToken);
        var campaign = await db.Campaigns.AsNoTracking().Where(c => c.Id == order.CampaignId).Select(c => c.Kind).SingleAsync(cancellationToken);
        var reason = order.RejectReason is { } code ? await db.RejectReasons.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, cancellationToken) : null;
        return View(text, StudentOrders.Listing(order, holder.Name, holder.IdNumber, holder.Phone, campaign), reason);
    }

    private static OrderView View(IStringLocalizer<SharedResource> text, OrderListing order, RejectReason? reason)
    {
        var rejected = order.Status == OrderStatus.Rejected;
        return new OrderView(order.Id, order.Number, order.Status, text[$"OrderStatus.{order.Status}"], text[order.KindKey], order.Copies, order.Name,
            order.MaskedIdNumber, order.MaskedPhone, order.PriceFen, order.Currency, order.CreatedAt, order.PayBy, order.PhotoId, reason?.Title,
            rejected ? reason?.Fix : null, rejected ? order.RejectNote : null, Actions(order));
    }

    // What the client may do with the order next.
    private static string[] Actions(OrderListing order) => order.Status switch
    {
        OrderStatus.PendingPayment when order.Kind == OrderKind.Reprint => ["pay"],
        OrderStatus.PendingPayment => ["pay", "edit"],
        OrderStatus.Rejected => ["change_photo", "view_photo"],
        OrderStatus.Completed when order.PhotoId is not null => ["view_photo", "download_photo"],
        _ when order.PhotoId is not null => ["view_photo"],
        _ => [],
    };

    // The campaign of the flow the path names (/freshman/… or the graduation collection), and whether it is open.
    private static async Task<(Campaign? Campaign, IResult? Closed)> OpenAsync(HttpRequest request, CollectionFlow flow, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken, bool allowClosed = false)
    {
        var freshman = request.Path.StartsWithSegments("/api/v1/freshman", StringComparison.Ordinal);
        var campaign = await flow.CampaignAsync(freshman ? CampaignKind.Freshman : CampaignKind.Graduation, cancellationToken);
        if (campaign is null)
        {
            return (null, Problem(404, "no_campaign", text[freshman ? "Collect.NoFreshmanCampaign" : "Collect.NoCampaign"]));
        }

        var state = flow.Window(campaign);
        return allowClosed || text.Closed(campaign, state) is not { } closed
            ? (campaign, null)
            : (null, Problem(409, state == WindowState.NotStarted ? "not_started" : "ended", closed));
    }

    private static RecordView View(RegistryRecord r) =>
        new(r.Name, r.Gender, IdNumber.Mask(r.IdNumber), r.SchoolCode, r.SchoolName, r.Level, r.Major, r.StudentNumber);

    // A body too big for any accepted upload is answered without reading it.
    private static bool TooLarge(HttpRequest request) => request.ContentLength > Upload.MaxBodyBytes;

    private static Guid Account(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private static async Task<T?> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await request.ReadFromJsonAsync<T>(cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return default;
        }
    }

    private static string Snake(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    // The vision queue was full: nothing was done with the upload; the client sends it again after Retry-After.
    private static IResult Busy(HttpRequest request, string code, string detail)
    {
        var wait = request.HttpContext.RequestServices.GetRequiredService<VisionGate>().RetryAfter;
        request.HttpContext.Response.Headers.RetryAfter = ((int)wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problem(503, code, detail, new Dictionary<string, object?> { ["retryAfterSeconds"] = (int)wait.TotalSeconds });
    }

    private static IResult Problem(int status, string code, string detail, IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?>(extensions ?? new Dictionary<string, object?>()) { ["code"] = code };
        return Results.Problem(detail: detail, statusCode: status, extensions: all);
    }
}
