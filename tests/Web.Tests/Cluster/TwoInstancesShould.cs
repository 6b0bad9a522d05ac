using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Npgsql;
using Photocollect.Data;
using Photocollect.Payments;
using Photocollect.Web.Tests.TestKit;
using Xunit.Abstractions;

namespace Photocollect.Web.Tests.Cluster;

/// <summary>
/// Two real instances (processes, each a web app with its silo) on one database form one cluster: an order made
/// through one is read and paid through the other, and when one is killed (kill -9) the other carries on with the
/// grains that lived on it, losing and doubling nothing.
/// </summary>
public sealed class TwoInstancesShould(ITestOutputHelper output) : IAsyncLifetime
{
    private const string School = "beifang";
    private const string Api = "/s/beifang/api/v1";
    private readonly string connectionString = TestDatabase.NewConnectionString();
    private AppProcess a = null!;
    private AppProcess b = null!;

    public async Task InitializeAsync()
    {
        a = await AppProcess.StartAsync("instance-a", connectionString, seed: true);
        b = await AppProcess.StartAsync("instance-b", connectionString, seed: false);
        await a.WaitForSilosAsync(2, TimeSpan.FromSeconds(30));
        await b.WaitForSilosAsync(2, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        await a.DisposeAsync();
        await b.DisposeAsync();
    }

    [Fact]
    public async Task PayThroughOneInstanceAnOrderMadeThroughTheOther()
    {
        var (order, viaA) = await OrderAsync(a, student: 0);
        using var viaB = SameStudentAt(b, viaA);

        Assert.Equal("PendingPayment", await StatusAsync(viaB, order));
        // Both instances' order lists come from the student's one order-list grain, held after these reads.
        Assert.Equal(("PendingPayment", "PendingPayment"), (await ListedAsync(viaA, order), await ListedAsync(viaB, order)));
        var payment = await PayAsync(viaB, order);
        Assert.Equal(HttpStatusCode.OK, await NotifyAsync(b, payment));

        Assert.Equal("PendingReview", await StatusAsync(viaB, order));
        Assert.Equal("PendingReview", await StatusAsync(viaA, order));
        Assert.Equal(("PendingReview", "PendingReview"), (await ListedAsync(viaA, order), await ListedAsync(viaB, order)));
        Assert.Equal("Ordered", await StepAsync(viaA));
        Assert.Equal(1, await SucceededPaymentsAsync(order));
    }

    [Fact]
    public async Task CarryOnWithTheGrainsOfAKilledInstance()
    {
        // Eight students order, half through each instance, so grains live on both silos.
        var students = new List<(Guid Order, HttpClient ViaB)>();
        for (var i = 0; i < 8; i++)
        {
            var (order, client) = await OrderAsync(i % 2 == 0 ? a : b, i);
            students.Add((order, i % 2 == 0 ? SameStudentAt(b, client) : client));
        }

        var payments = new List<(Guid Order, Guid Payment)>();
        foreach (var (order, viaB) in students)
        {
            payments.Add((order, await PayAsync(viaB, order)));
        }

        // Students keep reading their state through B (each read asks the student grain) while A dies.
        var seen = new ConcurrentQueue<(int Student, TimeSpan At, bool Ok, TimeSpan Took, string What)>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();
        var load = students.Select((s, i) => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                bool ok;
                string what;
                var sent = clock.Elapsed;
                try
                {
                    using var answer = await s.ViaB.GetAsync(Api + "/collection", stop.Token);
                    ok = answer.IsSuccessStatusCode;
                    what = ok ? "" : $"{(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync(CancellationToken.None)}";
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    ok = false;  // refused, or no answer within the client's timeout: both are errors the student sees
                    what = e.GetType().Name;
                }

                // A read that failed counts from when it was sent, a hung one as long as it hung.
                seen.Enqueue((i, clock.Elapsed, ok, clock.Elapsed - sent, what));
                await Task.Delay(50, CancellationToken.None);
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(2));
        var killedAt = clock.Elapsed;
        a.Kill();

        // The provider's notifications arrive at B now; like a real provider it sends again until it gets a 200.
        var notified = payments.Select(p => Task.Run(async () =>
        {
            while (await NotifyAsync(b, p.Payment) != HttpStatusCode.OK)
            {
                Assert.True(clock.Elapsed - killedAt < TimeSpan.FromSeconds(60), "a notification was refused for a minute");
                await Task.Delay(200);
            }
        })).ToList();
        await Task.WhenAll(notified);
        await Task.Delay(TimeSpan.FromSeconds(5));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var failures = seen.Where(s => !s.Ok && s.At >= killedAt).Select(s => s.At - killedAt).ToList();
        var window = failures.Count == 0 ? TimeSpan.Zero : failures.Max();
        var slowest = seen.Where(s => s.At >= killedAt).Max(s => s.Took);
        foreach (var failure in seen.Where(s => !s.Ok).Take(5))
        {
            output.WriteLine($"student {failure.Student} at {failure.At.TotalSeconds:0.00} s (A killed at {killedAt.TotalSeconds:0.00} s): {failure.What}");
        }

        if (seen.Any(s => !s.Ok && s.At < killedAt))
        {
            // What B logged says why a read failed while both instances were up.
            await using var log = new FileStream(b.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(log);
            var lines = (await reader.ReadToEndAsync()).Split('\n');
            output.WriteLine(string.Join('\n', lines.TakeLast(80)));
        }

        output.WriteLine($"reads through B: {seen.Count}; failed after the kill: {failures.Count}; last failure {window.TotalSeconds:0.0} s after the kill; slowest read answered after the kill took {slowest.TotalSeconds:0.00} s");
        Assert.True(window < TimeSpan.FromSeconds(10), $"B answered with errors until {window.TotalSeconds:0.0} s after A was killed");
        Assert.All(seen.Where(s => s.At < killedAt), s => Assert.True(s.Ok));
        // Every student was served again after the kill, and none was left waiting on a hung request.
        Assert.All(Enumerable.Range(0, students.Count), i => Assert.Contains(seen, s => s.Student == i && s.Ok && s.At > killedAt + window));
        await b.WaitForSilosAsync(1, TimeSpan.FromSeconds(30));

        // Nothing lost or doubled: each order paid once and waiting for review; each student's grain back with its state.
        foreach (var (order, viaB) in students)
        {
            Assert.Equal("PendingReview", await StatusAsync(viaB, order));
            Assert.Equal("Ordered", await StepAsync(viaB));
            Assert.Equal(1, await SucceededPaymentsAsync(order));
        }

        Assert.Equal(8, await CountAsync("""SELECT count(*) FROM "Orders" """));
        Assert.Equal(0, await CountAsync($"""SELECT count(*) FROM "Payments" WHERE "State" <> '{PaymentStates.Succeeded}'"""));
        foreach (var (_, viaB) in students)
        {
            viaB.Dispose();
        }
    }

    // A new student signs in through an instance, reads a collection code from the dev codes page, verifies with the
    // feature code, reads the standards, uploads a photo and submits it.
    private async Task<(Guid Order, HttpClient Client)> OrderAsync(AppProcess instance, int student)
    {
        var phone = AppFactory.NewPhone();
        var client = new HttpClient { BaseAddress = new Uri(instance.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync(Api + "/auth/code", new { phone })).StatusCode);
        var token = await Ok(await client.PostAsJsonAsync(Api + "/auth/token", new { phone, code = await LatestCodeAsync(phone), agree = true }));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());

        var codes = new HtmlParser().ParseDocument(await client.GetStringAsync($"/s/{School}/dev/codes"));
        var code = codes.QuerySelectorAll("[data-code]")[student].TextContent;
        await Ok(await client.PostAsJsonAsync(Api + "/collection/code", new { code }));
        await Ok(await client.PostAsJsonAsync(Api + "/collection/verify", new { featureCode = "sv8s65" }));
        await Ok(await client.PostAsJsonAsync(Api + "/collection/standards", new { faceConsent = true }));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Faces.GoodPhoto()), "photo", "photo.jpg" } };
        var photo = await Ok(await client.PostAsync(Api + "/collection/photos", form));
        var order = await Ok(await client.PostAsync($"{Api}/collection/photos/{photo.GetProperty("id").GetGuid()}/submit", null));
        return (order.GetProperty("id").GetGuid(), client);
    }

    // The same student's token, sent to the other instance (the Data Protection key ring is shared in the database).
    private static HttpClient SameStudentAt(AppProcess instance, HttpClient client)
    {
        var other = new HttpClient { BaseAddress = new Uri(instance.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        other.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
        return other;
    }

    private static async Task<Guid> PayAsync(HttpClient client, Guid order) =>
        (await Ok(await client.PostAsync($"{Api}/orders/{order}/pay", null))).GetProperty("paymentId").GetGuid();

    private static async Task<string?> StatusAsync(HttpClient client, Guid order) =>
        (await client.GetFromJsonAsync<JsonElement>($"{Api}/orders/{order}")).GetProperty("status").GetString();

    // The order's status as the student's order list shows it.
    private static async Task<string?> ListedAsync(HttpClient client, Guid order) =>
        (await client.GetFromJsonAsync<JsonElement>($"{Api}/orders")).EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == order).GetProperty("status").GetString();

    private static async Task<string?> StepAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>(Api + "/collection")).GetProperty("step").GetString();

    // The Sandbox provider's signed notification, as its cashier sends it, to an instance's notify endpoint.
    private async Task<HttpStatusCode> NotifyAsync(AppProcess instance, Guid paymentId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "TenantId", "OrderId", "AmountFen", "Currency" FROM "Payments" WHERE "Id" = @id""", connection);
        command.Parameters.AddWithValue("id", paymentId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var payment = new Payment { Id = paymentId, TenantId = reader.GetGuid(0), OrderId = reader.GetGuid(1), Provider = "sandbox", AmountFen = reader.GetInt64(2), Currency = reader.GetString(3) };
        var (body, signature) = new SandboxProvider(payment.TenantId, new SandboxOptions().Secret).Notification(payment, paid: true);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{instance.BaseUrl}/s/{School}/pay/notify/sandbox") { Content = new StringContent(body) };
        request.Headers.Add(SandboxProvider.SignatureHeader, signature);
        try
        {
            return (await http.SendAsync(request)).StatusCode;
        }
        catch (HttpRequestException)
        {
            return HttpStatusCode.ServiceUnavailable;
        }
    }

    private async Task<string> LatestCodeAsync(string phone)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "Text" FROM "SmsOutbox" WHERE "Phone" = @phone ORDER BY "CreatedAt" DESC LIMIT 1""", connection);
        command.Parameters.AddWithValue("phone", phone);
        return Outbox.CodeIn((string)(await command.ExecuteScalarAsync())!);
    }

    private Task<long> SucceededPaymentsAsync(Guid order) =>
        CountAsync($"""SELECT count(*) FROM "Payments" WHERE "OrderId" = '{order}' AND "State" = '{PaymentStates.Succeeded}'""");

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
