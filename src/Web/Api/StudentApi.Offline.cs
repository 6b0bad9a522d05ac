using System.Security.Claims;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Photocollect.Collection;
using Photocollect.Collection.Offline;
using Photocollect.Data;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Grains.Queues;
using Photocollect.Tenancy;

namespace Photocollect.Web.Api;

/// <summary>The on-site collection steps of the student API (issue 14): the order paid before the day, sessions and
/// booking, the number from the station's queue QR, and the queue's live updates as server-sent events.</summary>
public static partial class StudentApi
{
    private static readonly JsonSerializerOptions EventJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>The student's on-site state.</summary>
    public sealed record OfflineView(Guid? OrderId, OrderStatus? OrderStatus, long PriceFen, BookingApiView? Booking, QueueView? Queue);

    /// <summary>A session and its slots.</summary>
    public sealed record SessionApiView(Guid Id, string Place, DateOnly Day, IReadOnlyList<SlotApiView> Slots);

    /// <summary>A slot: when, how many it takes and how many places are left.</summary>
    public sealed record SlotApiView(Guid Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int Capacity, int Remaining);

    /// <summary>The student's booking.</summary>
    public sealed record BookingApiView(Guid SlotId, Guid SessionId, string Place, DateOnly Day, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

    /// <summary>The student's place in a session's queue; <c>Number</c> 0 when the student must scan again.</summary>
    public sealed record QueueView(Guid SessionId, int Number, QueueEntryStatus Status, int Called, int Ahead, int? EstimatedMinutes);

    /// <summary>A booking request.</summary>
    public sealed record BookingRequest(Guid SlotId);

    /// <summary>The queue QR's text, as scanned.</summary>
    public sealed record QueueRequest(string? Ticket);

    private static void MapOffline(RouteGroupBuilder student)
    {
        student.MapGet("/offline", OfflineStateAsync)
            .WithName("GetOfflineState").WithSummary("On-site collection: the order, the booking and the queue number.")
            .Produces<OfflineView>().ProblemCodes(404, "no_campaign").ProblemCodes(409, "not_offline");
        student.MapPost("/offline/orders", OfflineOrderAsync)
            .WithName("StartOfflineOrder").WithSummary("立即支付: the order for an on-site shoot (pay it with /orders/{id}/pay); the existing one when there is one.")
            .Produces<OrderView>().ProblemCodes(404, "no_campaign").ProblemCodes(409, "not_started", "ended", "not_offline", "no_record");
        student.MapGet("/offline/sessions", SessionsAsync)
            .WithName("GetOfflineSessions").WithSummary("The campaign's sessions from today on, with their slots and places left.")
            .Produces<IReadOnlyList<SessionApiView>>().ProblemCodes(404, "no_campaign").ProblemCodes(409, "not_offline");
        student.MapPost("/offline/bookings", BookAsync)
            .WithName("BookOfflineSlot").WithSummary("Books a slot for the paid order, or moves the booking.")
            .Produces<BookingApiView>().ProblemCodes(400, "bad_request").ProblemCodes(404, "no_campaign")
            .ProblemCodes(409, "not_started", "ended", "not_offline", "booking_off", "no_order", "not_paid", "shot", "no_slot", "slot_over", "full");
        student.MapPost("/offline/queue", TakeNumberAsync)
            .WithName("TakeQueueNumber").WithSummary("扫码排号: a number from the station's queue QR (its text); the same number on a rescan.")
            .Produces<QueueView>().ProblemCodes(400, "bad_request").ProblemCodes(404, "no_campaign")
            .ProblemCodes(409, "not_started", "ended", "not_offline", "no_order", "not_paid", "shot")
            .ProblemCodes(422, "forged", "expired", "other_school", "other_campaign");
        student.MapGet("/offline/queue", QueueAsync)
            .WithName("GetQueuePlace").WithSummary("The student's number, the number being called, how many are ahead and the estimated wait.")
            .Produces<QueueView>().ProblemCodes(404, "no_campaign", "no_number").ProblemCodes(409, "not_offline");
        student.MapGet("/offline/queue/events", QueueEventsAsync)
            .WithName("WatchQueuePlace").WithSummary("Server-sent events: a 'queue' event with the QueueView each time the queue moves.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream").ProblemCodes(404, "no_campaign", "no_number").ProblemCodes(409, "not_offline");
    }

    private static async Task<IResult> OfflineStateAsync(HttpRequest request, ClaimsPrincipal user, CollectionFlow flow, OnSiteFlow onSite, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var (campaign, problem) = await OfflineCampaignAsync(request, flow, text, cancellationToken, allowClosed: true);
        if (campaign is null)
        {
            return problem!;
        }

        var state = await onSite.StateAsync(Account(user), campaign, cancellationToken);
        return Results.Ok(new OfflineView(state.Order?.Id, state.Order?.Status, campaign.PriceFen, Booking(state.Booking), Queue(state)));
    }

    private static async Task<IResult> OfflineOrderAsync(HttpRequest request, ClaimsPrincipal user, CollectionFlow flow, OnSiteFlow onSite, AppDbContext db, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var (campaign, problem) = await OfflineCampaignAsync(request, flow, text, cancellationToken);
        if (campaign is null)
        {
            return problem!;
        }

        var started = await onSite.StartAsync(Account(user), campaign, cancellationToken);
        return started.Value is { } order ? Results.Ok(await ViewAsync(db, text, order, cancellationToken)) : OfflineProblem(started.Problem!, text);
    }

    private static async Task<IResult> SessionsAsync(HttpRequest request, CollectionFlow flow, OnSiteFlow onSite, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var (campaign, problem) = await OfflineCampaignAsync(request, flow, text, cancellationToken, allowClosed: true);
        if (campaign is null)
        {
            return problem!;
        }

        var sessions = await onSite.SessionsAsync(campaign, cancellationToken: cancellationToken);
        return Results.Ok(sessions.Select(s => new SessionApiView(s.Session.Id, s.Session.Place, s.Session.Day,
            [.. s.Slots.Select(l => new SlotApiView(l.Slot.Id, l.Slot.StartsAt, l.Slot.EndsAt, l.Slot.Capacity, l.Remaining))])).ToList());
    }

    private static async Task<IResult> BookAsync(HttpRequest request, ClaimsPrincipal user, CollectionFlow flow, OnSiteFlow onSite, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var (campaign, problem) = await OfflineCampaignAsync(request, flow, text, cancellationToken);
        if (campaign is null)
        {
            return problem!;
        }

        if (await ReadJsonAsync<BookingRequest>(request, cancellationToken) is not { SlotId: var slotId } || slotId == Guid.Empty)
        {
            return Problem(400, "bad_request", text["Api.Problem.400"]);
        }

        var booked = await onSite.BookAsync(Account(user), campaign, slotId, bookedBy: null, cancellationToken);
        return booked.Value is { } booking ? Results.Ok(Booking(booking)) : OfflineProblem(booked.Problem!, text);
    }

    private static async Task<IResult> TakeNumberAsync(HttpRequest request, ClaimsPrincipal user, CollectionFlow flow, OnSiteFlow onSite, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var (campaign, problem) = await OfflineCampaignAsync(request, flow, text, cancellationToken);
        if (campaign is null)
        {
            return problem!;
        }

        if (await ReadJsonAsync<QueueRequest>(request, cancellationToken) is not { Ticket: { Length: > 0 } ticket })
        {
            return Problem(400, "bad_request", text["Api.Problem.400"]);
        }

        var taken = await onSite.TakeNumberAsync(Account(user), campaign, ticket, cancellationToken);
        if (taken.Value is null)
        {
            return OfflineProblem(taken.Problem!, text);
        }

        return Results.Ok(Queue(await onSite.StateAsync(Account(user), campaign, cancellationToken)));
    }

    private static async Task<IResult> QueueAsync(HttpRequest request, ClaimsPrincipal user, CollectionFlow flow, OnSiteFlow onSite, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken)
    {
        var (campaign, problem) = await OfflineCampaignAsync(request, flow, text, cancellationToken, allowClosed: true);
        if (campaign is null)
        {
            return problem!;
        }

        return Queue(await onSite.StateAsync(Account(user), campaign, cancellationToken)) is { } queue
            ? Results.Ok(queue)
            : Problem(404, "no_number", text["Offline.Problem.no_number"]);
    }

    // The queue as server-sent events: one at once, then one each time the student's place changes, and a comment
    // every 15 s so proxies keep the stream open. The replica's QueueWatch looks at the queue for every stream open
    // here; a stream asks the grain for its own place only when the queue moved.
    internal static async Task QueueEventsAsync(HttpContext http, ClaimsPrincipal user, CollectionFlow flow, OnSiteFlow onSite, QueueWatch watch, IGrainFactory grains, TenantContext tenant, IStringLocalizer<SharedResource> text)
    {
        var aborted = http.RequestAborted;
        var (campaign, problem) = await OfflineCampaignAsync(http.Request, flow, text, aborted, allowClosed: true);
        var first = campaign is null ? null : await onSite.StateAsync(Account(user), campaign, aborted);
        if (first is not { Order: { } order, QueueSession: { } session, Place: { } place } || Queue(first) is not { } view)
        {
            await (problem ?? Problem(404, "no_number", text["Offline.Problem.no_number"])).ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        var queue = grains.SessionQueue(tenant.RequiredSchool.Id, session.Id);
        try
        {
            await SendAsync(http, "queue", view);
            long? seen = place.Version;
            while (!aborted.IsCancellationRequested)
            {
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                quiet.CancelAfter(TimeSpan.FromSeconds(15));
                try
                {
                    seen = (await watch.NextAsync(tenant.RequiredSchool.Id, session.Id, seen, quiet.Token)).Version;
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    await http.Response.WriteAsync(": still here\n\n", aborted);
                    await http.Response.Body.FlushAsync(aborted);
                    continue;
                }

                var now = await queue.PlaceAsync(order.Id, aborted);
                var next = Queue(first with { Place = now });
                if (next is not null && next != view)
                {
                    await SendAsync(http, "queue", next);
                    view = next;
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // the student left the page
        }
    }

    /// <summary>Writes one server-sent event and flushes it.</summary>
    internal static async Task SendAsync<T>(HttpContext http, string name, T data)
    {
        await http.Response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data, EventJson)}\n\n", http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private static async Task<(Campaign? Campaign, IResult? Problem)> OfflineCampaignAsync(HttpRequest request, CollectionFlow flow, IStringLocalizer<SharedResource> text, CancellationToken cancellationToken, bool allowClosed = false)
    {
        var (campaign, closed) = await OpenAsync(request, flow, text, cancellationToken, allowClosed);
        return campaign is null ? (null, closed)
            : OnSiteFlow.IsOffline(campaign) ? (campaign, null)
            : (null, Problem(409, "not_offline", text["Offline.Problem.not_offline"]));
    }

    private static BookingApiView? Booking(BookingView? b) =>
        b is null ? null : new(b.Slot.Id, b.Session.Id, b.Session.Place, b.Session.Day, b.Slot.StartsAt, b.Slot.EndsAt);

    private static QueueView? Queue(OfflineState state) =>
        state is { QueueSession: { } session, Place: { Number: > 0 } place }
            ? new(session.Id, place.Number, place.Status, place.Called, place.Ahead, place.EstimatedWait is { } wait ? (int)Math.Ceiling(wait.TotalMinutes) : null)
            : state is { QueueSession: { } missed, Place: { } gone } ? new(missed.Id, 0, gone.Status, gone.Called, 0, null) : null;

    private static IResult OfflineProblem(string code, IStringLocalizer<SharedResource> text) => Problem(
        code switch
        {
            "forged" or "expired" or "other_school" or "other_campaign" => 422,
            _ => 409,
        },
        code,
        text[$"Offline.Problem.{code}"]);
}
