using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Photocollect.Grains.Orders;
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
public static class StudentApi
{
    // The uploads' body limit (RequestBodyLimits); every other endpoint takes the small default.
    private static readonly UploadLimitAttribute Upload = new(CollectionFlow.MaxUploadBytes);

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapStudentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("student").AddEndpointFilter(InsideASchool);
        api.MapPost("/auth/code", SendCodeAsync).AllowAnonymous();
        api.MapPost("/auth/token", TokenAsync).AllowAnonymous();

        var student = api.MapGroup("").RequireAuthorization(new AuthorizeAttribute
        {
            Policy = Policies.Student,
            AuthenticationSchemes = IdentityConstants.BearerScheme,
        });
        student.MapGet("/campaign", CampaignAsync);
        student.MapPost("/collection/code", CodeAsync).DisableAntiforgery().WithMetadata(Upload);
        foreach (var flow in new[] { "collection", "freshman" })
        {
            student.MapGet($"/{flow}", StateAsync);
            student.MapPost($"/{flow}/verify", VerifyAsync);
            student.MapPost($"/{flow}/standards", StandardsAsync);
            student.MapPost($"/{flow}/photos", PhotoAsync).DisableAntiforgery().WithMetadata(Upload);
            student.MapPost($"/{flow}/photos/{{id:guid}}/submit", SubmitAsync);
        }

        student.MapGet("/collection/photos/{id:guid}/standard", StandardPhotoAsync);
        student.MapGet("/reprints", ReprintOptionsAsync);
        student.MapPost("/reprints", ReprintAsync);
        student.MapGet("/orders", OrdersAsync);
        student.MapGet("/orders/{id:guid}", OrderAsync);
        student.MapPost("/orders/{id:guid}/pay", PayAsync);
        return app;
    }

    /// <summary>Request of an SMS code.</summary>
    public sealed record CodeRequest(string? Phone);

    /// <summary>Request of a token.</summary>
    public sealed record TokenRequest(string? Phone, string? Code, bool Agree);

    /// <summary>A collection code as text.</summary>
    public sealed record CodeText(string? Code);

    /// <summary>The campaign.</summary>
    public sealed record CampaignView(Guid Id, string Name, string Kind, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Window, long PriceFen,
        string Verification, IReadOnlyList<string> Levels, bool LiveCameraOnly, string SupportPhone, string SupportHours);

    /// <summary>A record, ID number masked.</summary>
    public sealed record RecordView(string Name, string Gender, string IdNumber, string SchoolCode, string SchoolName, string Level, string Major, string StudentNumber);

    /// <summary>Where the student is.</summary>
    public sealed record StateView(string Step, int CheckAttempts, Guid? LastPhotoId, bool? LastPassed, Guid? OrderId);

    /// <summary>One check.</summary>
    public sealed record CheckView(string Name, bool Pass, bool Skipped, string Message);

    /// <summary>A checked photo.</summary>
    public sealed record PhotoView(Guid Id, bool Passed, IReadOnlyList<CheckView> Checks, double? ComparisonScore, bool? SamePerson);

    /// <summary>An order (seed 002's card; ID and phone masked).</summary>
    public sealed record OrderView(Guid Id, string Number, string Status, string StatusText, string Kind, int Copies, string Name, string IdNumber, string Phone,
        long PriceFen, string Currency, DateTimeOffset CreatedAt, DateTimeOffset PayBy, Guid? PhotoId, string? RejectReason, string? RejectFix, IReadOnlyList<string> Actions);

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
            : Results.Ok(new CampaignView(campaign.Id, campaign.Name, campaign.Kind.ToString(), campaign.StartsAt, campaign.EndsAt, flow.Window(campaign).ToString(),
                campaign.PriceFen, campaign.Verification.ToString(), campaign.Levels, campaign.LiveCameraOnly, campaign.SupportPhone, campaign.SupportHours));
    }

    private static async Task<IResult> StateAsync(HttpRequest request, ClaimsPrincipal user, CollectionFlow flow, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var (campaign, closed) = await OpenAsync(request, flow, text, cancellationToken, allowClosed: true);
        if (campaign is null)
        {
            return closed!;
        }

        var state = await flow.StateAsync(Account(user), campaign, cancellationToken);
        return Results.Ok(new StateView(state.Step.ToString(), state.CheckAttempts, state.LastCheck?.PhotoId, state.LastCheck?.Passed, state.OrderId));
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

                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, cancellationToken);
                picture = buffer.ToArray();
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

        var state = await flow.AcknowledgeStandardsAsync(Account(user), campaign, cancellationToken);
        return state.Step == Grains.Students.StudentStep.NeedsRecord
            ? Problem(409, "no_record", text["Collect.Verify.NoPendingRecord"])
            : Results.Ok(new StateView(state.Step.ToString(), state.CheckAttempts, state.LastCheck?.PhotoId, state.LastCheck?.Passed, state.OrderId));
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

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var result = await flow.CheckPhotoAsync(Account(user), campaign, buffer.ToArray(), cancellationToken);
        return result.Problem switch
        {
            null => Results.Ok(new PhotoView(result.Photo!.Id, result.Photo.Passed,
                result.Report.Checks.Select(c => new CheckView(c.Name, c.Pass, c.Skipped, c.Message)).ToList(), result.Photo.ComparisonScore, result.Photo.SamePerson)),
            "no_record" => Problem(409, "no_record", text["Collect.Verify.NoPendingRecord"]),
            "busy" => Busy(request, "busy", text["Collect.Capture.busy"]),
            var problem => Problem(422, problem, text[$"Collect.Capture.{problem}"]),
        };
    }

    private static async Task<IResult> StandardPhotoAsync(Guid id, ClaimsPrincipal user, PhotoFiles files, CancellationToken cancellationToken) =>
        await files.PhotoAsync(id, standard: true, Account(user), cancellationToken) is { } jpeg ? Results.File(jpeg, "image/jpeg") : Results.NotFound();

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
            .Select(o => new { o.OrderId, o.Number, o.Campaign, o.PhotoId, o.PriceFen, Reprints.MaxCopies }));

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

    private static async Task<IResult> OrdersAsync(ClaimsPrincipal user, AppDbContext db, IStringLocalizer<SharedResource> text, OrderStatus? status, CancellationToken cancellationToken)
    {
        var account = Account(user);
        var query = db.Orders.AsNoTracking().Where(o => o.AccountId == account);
        if (status is { } s)
        {
            query = query.Where(o => o.Status == s);
        }

        var orders = await query.OrderByDescending(o => o.CreatedAt).Take(100).ToListAsync(cancellationToken);
        var views = new List<OrderView>();
        foreach (var order in orders)
        {
            views.Add(await ViewAsync(db, text, order, cancellationToken));
        }

        return Results.Ok(views);
    }

    private static async Task<IResult> OrderAsync(Guid id, ClaimsPrincipal user, AppDbContext db, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var account = Account(user);
        var order = await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id && o.AccountId == account, cancellationToken);
        return order is null ? Results.NotFound() : Results.Ok(await ViewAsync(db, text, order, cancellationToken));
    }

    private static async Task<IResult> PayAsync(Guid id, ClaimsPrincipal user, PaymentService payments, SchoolUrls urls, HttpRequest request, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var (payment, checkout, problem) = await payments.StartAsync(Account(user), id, PayContext.Of(request, urls.Of(request)), cancellationToken);
        return checkout is not null
            ? Results.Ok(new PaymentView(payment!.Id, checkout.RedirectUrl, checkout.QrText, checkout.JsApi, payment.AmountFen))
            : problem switch
            {
                "not_found" => Results.NotFound(),
                "closed" => Problem(409, "closed", text["Orders.Pay.Closed"]),
                "provider" => Problem(503, "provider", text["Orders.Pay.Failed"]),
                _ => Problem(409, "paid", text["Orders.Pay.AlreadyPaid"]),
            };
    }

    private static async Task<OrderView> ViewAsync(AppDbContext db, IStringLocalizer<SharedResource> text, Order order, CancellationToken cancellationToken)
    {
        var record = await db.StudentRecords.AsNoTracking().SingleAsync(r => r.Id == order.RecordId, cancellationToken);
        var reason = order.RejectReason is { } code ? await db.RejectReasons.AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, cancellationToken) : null;
        var actions = order.Status switch
        {
            OrderStatus.PendingPayment when order.Kind == OrderKind.Reprint => new[] { "pay" },
            OrderStatus.PendingPayment => ["pay", "edit"],
            OrderStatus.Rejected => ["change_photo", "view_photo"],
            _ when order.PhotoId is not null => ["view_photo"],
            _ => [],
        };
        return new OrderView(order.Id, order.Number, order.Status.ToString(), text[$"OrderStatus.{order.Status}"], text[$"OrderKind.{order.Kind}"], order.Copies, record.Name,
            IdNumber.Mask(record.IdNumber), PhoneNumber.Mask(record.Phone), order.PriceFen, order.Currency, order.CreatedAt, order.PayBy,
            order.PhotoId, reason?.Title, order.Status == OrderStatus.Rejected ? reason?.Fix : null, actions);
    }

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
