using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Photocollect.Accounts;
using Photocollect.Collection.Offline;
using Photocollect.Tenancy;
using Photocollect.Web.Infrastructure;
using QRCoder;

namespace Photocollect.Web.Api;

/// <summary>
/// The on-site endpoints the pages use (cookie sign-in): the student's queue events, the on-site screen's board
/// events (大屏叫号, anonymous: numbers only), and the station's current ticket as JSON and as the QR image. The
/// station's ticket URL is what the QR holds: a page of the school's site that takes the number.
/// </summary>
public static class OfflineEndpoints
{
    /// <summary>The station's ticket: the QR's text (a URL) and until when it is accepted.</summary>
    public sealed record TicketView(string Ticket, DateTimeOffset ExpiresAt, int RefreshSeconds);

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapOfflineEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var student = new AuthorizeAttribute { Policy = Policies.Student, AuthenticationSchemes = IdentityConstants.ApplicationScheme };
        var staff = new AuthorizeAttribute { Policy = Policies.Staff, AuthenticationSchemes = IdentityConstants.ApplicationScheme };
        app.MapGet("/offline/queue/events", StudentApi.QueueEventsAsync).RequireAuthorization(student).ExcludeFromDescription();
        app.MapGet("/offline/display/{id:guid}/events", BoardEventsAsync).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/staff/api/offline/sessions/{id:guid}/ticket", TicketAsync).RequireAuthorization(staff)
            .WithTags("station").WithName("GetStationTicket").WithSummary("The station's current queue ticket (the QR's text) and until when it is accepted; staff sign-in.")
            .Produces<TicketView>().ProblemCodes(401, "unauthorized").ProblemCodes(403, "forbidden").ProblemCodes(404, "not_found");
        app.MapGet("/staff/offline/{id:guid}/qr.png", QrAsync).RequireAuthorization(staff).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> TicketAsync(Guid id, HttpRequest request, Station station, SchoolUrls urls, CancellationToken cancellationToken) =>
        await station.SessionAsync(id, cancellationToken) is { } found
            ? Results.Ok(Ticket(request, station, urls, found.Session))
            : Results.NotFound();

    private static async Task<IResult> QrAsync(Guid id, HttpRequest request, Station station, SchoolUrls urls, CancellationToken cancellationToken)
    {
        if (await station.SessionAsync(id, cancellationToken) is not { } found)
        {
            return Results.NotFound();
        }

        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Ticket(request, station, urls, found.Session).Ticket, QRCodeGenerator.ECCLevel.M);
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return Results.File(new PngByteQRCode(data).GetGraphic(8), "image/png");
    }

    private static TicketView Ticket(HttpRequest request, Station station, SchoolUrls urls, Data.CollectionSession session)
    {
        var ticket = station.Ticket(session);
        return new($"{urls.Of(request)}/offline/q?t={Uri.EscapeDataString(ticket.Text)}", ticket.ExpiresAt, (int)QueueTickets.Refresh.TotalSeconds);
    }

    // The board for the on-site screen: one event at once, then one each time the queue moves (the replica's
    // QueueWatch looks at the queue for every screen and student stream open here).
    private static async Task BoardEventsAsync(Guid id, HttpContext http, Station station, QueueWatch watch, TenantContext tenant)
    {
        var aborted = http.RequestAborted;
        if (await station.SessionAsync(id, aborted) is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        long? seen = null;
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                var board = await watch.NextAsync(tenant.RequiredSchool.Id, id, seen, aborted);
                await StudentApi.SendAsync(http, "board", new { board.Called, board.Next, board.Waiting, board.Issued, board.Shot });
                seen = board.Version;
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // the screen was closed
        }
    }
}
