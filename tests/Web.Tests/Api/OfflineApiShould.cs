using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection.Offline;
using Photocollect.Collection.Registry;
using Photocollect.Data;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Api;

/// <summary>
/// The on-site steps through the JSON API (the mini-program's path): the order, booking and moving a booking, a
/// number from the queue QR's text (bare or as the QR's URL; the same on a rescan; refused before paying and when
/// forged), the place in the queue, and the queue's server-sent events reporting a call.
/// </summary>
public sealed class OfflineApiShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Api = "/s/nanhu/api/v1";

    [Fact]
    public async Task TakeAStudentFromOrderToACalledNumberThroughJson()
    {
        var client = await app.ApiStudentAsync(AppFactory.B);
        var code = await app.InSchoolAsync(AppFactory.B, async sp =>
            sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode(DemoSeeder.Schools[1].Code, await Journeys.UnusedStudentNumberAsync(sp)));
        await Ok(await client.PostAsJsonAsync(Api + "/collection/code", new { code }));
        await Ok(await client.PostAsJsonAsync(Api + "/collection/verify", new { featureCode = DemoSeeder.FeatureCode(AppFactory.B) }));
        var before = await Ok(await client.GetAsync(Api + "/offline"));
        Assert.Equal(JsonValueKind.Null, before.GetProperty("orderId").ValueKind);

        var order = await Ok(await client.PostAsync(Api + "/offline/orders", null));
        var orderId = order.GetProperty("id").GetGuid();
        var (session, first) = await app.NewSessionAsync(capacity: 5);
        var (_, second) = await app.NewSessionAsync(capacity: 5);
        var ticket = await app.InSchoolAsync(AppFactory.B, sp => Task.FromResult(OnSite.Ticket(sp, session)));
        Assert.Equal((HttpStatusCode.Conflict, "not_paid"), await ProblemAsync(await client.PostAsJsonAsync(Api + "/offline/queue", new { ticket })));

        await app.InSchoolAsync(AppFactory.B, async sp => await OnSite.PayAsync(sp, await sp.GetRequiredService<AppDbContext>().Orders.SingleAsync(o => o.Id == orderId)));
        var sessions = await Ok(await client.GetAsync(Api + "/offline/sessions"));
        var listed = sessions.EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == session.Id);
        Assert.Equal(5, listed.GetProperty("slots")[0].GetProperty("remaining").GetInt32());

        // Book, then move the booking: the first slot is free again.
        Assert.Equal(first.Id, (await Ok(await client.PostAsJsonAsync(Api + "/offline/bookings", new { slotId = first.Id }))).GetProperty("slotId").GetGuid());
        Assert.Equal(second.Id, (await Ok(await client.PostAsJsonAsync(Api + "/offline/bookings", new { slotId = second.Id }))).GetProperty("slotId").GetGuid());
        Assert.Equal(0, await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().SlotBookings.CountAsync(b => b.SlotId == first.Id)));
        Assert.Equal((HttpStatusCode.Conflict, "no_slot"), await ProblemAsync(await client.PostAsJsonAsync(Api + "/offline/bookings", new { slotId = Guid.NewGuid() })));

        // A number from the QR's URL; the bare text again gives the same number; a forged text is refused.
        var place = await Ok(await client.PostAsJsonAsync(Api + "/offline/queue", new { ticket = $"http://localhost/s/nanhu/offline/q?t={Uri.EscapeDataString(ticket)}" }));
        var number = place.GetProperty("number").GetInt32();
        Assert.Equal((1, 0, "Waiting"), (number, place.GetProperty("ahead").GetInt32(), place.GetProperty("status").GetString()));
        Assert.Equal(number, (await Ok(await client.PostAsJsonAsync(Api + "/offline/queue", new { ticket }))).GetProperty("number").GetInt32());
        Assert.Equal(((HttpStatusCode)422, "forged"), await ProblemAsync(await client.PostAsJsonAsync(Api + "/offline/queue", new { ticket = "no-such-ticket" })));
        Assert.Equal((HttpStatusCode.BadRequest, "bad_request"), await ProblemAsync(await client.PostAsJsonAsync(Api + "/offline/queue", new { ticket = "" })));
        var queue = await Ok(await client.GetAsync(Api + "/offline/queue"));
        Assert.Equal((number, 0), (queue.GetProperty("number").GetInt32(), queue.GetProperty("called").GetInt32()));

        // The events: the station calls, and the stream reports the number called.
        using var events = new HttpRequestMessage(HttpMethod.Get, Api + "/offline/queue/events");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var stream = await client.SendAsync(events, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<Station>().CallNextAsync(session, 0));
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(timeout.Token));
        var called = 0;
        while (called != number && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                called = JsonDocument.Parse(line[5..]).RootElement.GetProperty("called").GetInt32();
            }
        }

        Assert.Equal(number, called);
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<(HttpStatusCode, string?)> ProblemAsync(HttpResponseMessage response) =>
        (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
}
