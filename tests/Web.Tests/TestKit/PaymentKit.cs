using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Grains.Orders;
using Photocollect.Data;
using Photocollect.Payments;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>Payments seen from outside: a provider's notification posted to the school's notify URL, and what the
/// database holds of an order's payments.</summary>
public static class PaymentKit
{
    /// <summary>Posts a notification (headers and body as the provider sends them) to <c>/s/{school}/pay/notify/{provider}</c>.</summary>
    public static async Task<HttpStatusCode> NotifyAsync(this AppFactory app, string school, PaymentProviderKind provider, Dictionary<string, string> headers, string body)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(headers);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/s/{school}/pay/notify/{PaymentProviders.NameOf(provider)}")
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return (await client.SendAsync(request)).StatusCode;
    }

    /// <summary>The order id at the end of an order URL.</summary>
    public static Guid OrderId(string orderUrl)
    {
        ArgumentNullException.ThrowIfNull(orderUrl);
        return Guid.Parse(orderUrl[(orderUrl.LastIndexOf('/') + 1)..]);
    }

    /// <summary>The payment id in a Sandbox cashier link (<c>…/pay/sandbox/{id}?t=…</c>).</summary>
    public static Guid CashierPaymentId(Uri cashierLink)
    {
        ArgumentNullException.ThrowIfNull(cashierLink);
        var path = cashierLink.OriginalString.Split('?')[0];
        return Guid.Parse(path[(path.LastIndexOf('/') + 1)..]);
    }

    /// <summary>The payments of an order of the first demo school, oldest first.</summary>
    public static Task<List<Payment>> PaymentsAsync(this AppFactory app, Guid orderId)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.InSchoolAsync(AppFactory.A, sp =>
            sp.GetRequiredService<AppDbContext>().Payments.AsNoTracking().Where(p => p.OrderId == orderId).OrderBy(p => p.CreatedAt).ToListAsync());
    }

    /// <summary>An order's status in the first demo school.</summary>
    public static Task<OrderStatus> StatusAsync(this AppFactory app, Guid orderId)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.InSchoolAsync(AppFactory.A, sp =>
            sp.GetRequiredService<AppDbContext>().Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => o.Status).SingleAsync());
    }

    /// <summary>How many times the order took a payment (its history's Pay events).</summary>
    public static async Task<int> PayEventsAsync(this AppFactory app, Guid orderId)
    {
        ArgumentNullException.ThrowIfNull(app);
        var history = await app.InSchoolAsync(AppFactory.A, sp =>
            sp.GetRequiredService<AppDbContext>().Orders.AsNoTracking().Where(o => o.Id == orderId).Select(o => o.History).SingleAsync());
        return System.Text.Json.Nodes.JsonNode.Parse(history)!.AsArray().Count(h => h!["event"]!.GetValue<int>() == (int)OrderEvent.Pay);
    }
}
