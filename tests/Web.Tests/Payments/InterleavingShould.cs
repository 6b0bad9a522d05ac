using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Tenancy;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Payments;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Payments;

/// <summary>
/// Many orders paid through the fake WeChat Pay while pay, notify (repeated and out of order), close, query, refund
/// and provider failures are interleaved at random, several at once. Afterwards: every order's history is a legal
/// path, no order took two payments, no refund was made twice or for more than was paid, and every fen the provider
/// took is accounted for in our payments, refunds and ledger. The seed is in every failure message; set
/// PHOTOCOLLECT_SEED to replay one.
/// </summary>
public sealed class InterleavingShould(AppFactory app) : IClassFixture<AppFactory>, IAsyncLifetime
{
    private const string School = "http://localhost/s/beifang";
    private const int Orders = 30;
    private const int Steps = 260;
    private readonly ConcurrentQueue<string> trace = new();
    private readonly ConcurrentBag<string> inbox = [];  // notification bodies; signed afresh at each delivery, as WeChat Pay does
    private FakeWeChatPay wechat = null!;
    private int seed;

    public async Task InitializeAsync() => wechat = await FakeWeChatPay.ForAppAsync(app);

    public async Task DisposeAsync() => await wechat.DisposeAsync();

    [Fact]
    public async Task KeepEveryFenAccountedForWhateverOrderEventsHappenIn()
    {
        seed = int.TryParse(Environment.GetEnvironmentVariable("PHOTOCOLLECT_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Random.Shared.Next();
        var random = new Random(seed);
        var orders = await CreateOrdersAsync(random);

        for (var step = 0; step < Steps; step++)
        {
            var actions = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(random, orders)).ToList();
            await Task.WhenAll(actions.Select(a => a()));
        }

        await DrainAsync(random);
        await CheckAsync(orders);
    }

    // Reprint orders of one student with a photo (a student may hold many), each at its own price and deadline.
    private async Task<List<(Guid Order, Guid Account)>> CreateOrdersAsync(Random random)
    {
        var original = PaymentKit.OrderId((await app.OrderAsync(pay: false)).OrderUrl);
        return await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var source = await sp.GetRequiredService<AppDbContext>().Orders.AsNoTracking().SingleAsync(o => o.Id == original);
            var school = sp.GetRequiredService<TenantContext>().RequiredSchool;
            var numbers = sp.GetRequiredService<OrderNumbers>();
            var list = new List<(Guid, Guid)>();
            for (var i = 0; i < Orders; i++)
            {
                var id = Guid.CreateVersion7();
                var made = await sp.GetRequiredService<IGrainFactory>().Order(school.Id, id).CreateAsync(new NewOrder(numbers.Next(school.SchoolCode), source.AccountId,
                    source.RecordId, source.CampaignId, OrderKind.Reprint, random.Next(1, 500) * 10, source.PhotoId, TimeSpan.FromMinutes(random.Next(5, 40))));
                Assert.True(made.Succeeded, $"seed {seed}: order {i} not created");
                list.Add((id, source.AccountId));
            }

            return list;
        });
    }

    private Func<Task> Pick(Random random, List<(Guid Order, Guid Account)> orders)
    {
        var (order, account) = orders[random.Next(orders.Count)];
        var roll = random.Next(100);
        var fen = random.Next(1, 5000);
        var failures = random.Next(1, 4);
        var minutes = random.Next(1, 5);  // under the 5-minute signature tolerance: a tick may run while a notification is on its way
        var succeed = random.Next(100) < 85;
        var pick = random.Next();
        return roll switch
        {
            < 18 => () => StartAsync(order, account),
            < 32 => () => PayAtProviderAsync(order, pick),
            < 55 => () => DeliverAsync(pick),
            < 61 => () => TickAsync(minutes),
            < 67 => () => Act("reconcile", sp => sp.GetRequiredService<PaymentReconciliation>().RunAsync()),
            < 77 => () => RefundAsync(orders, pick, fen),
            < 87 => () => FinishRefundAsync(pick, succeed),
            < 91 => () => SecondPaymentAsync(order),
            _ => () => { wechat.FailNext(failures); trace.Enqueue($"fail {failures}"); return Task.CompletedTask; },
        };
    }

    private Task StartAsync(Guid order, Guid account) => Act($"start {order}", sp =>
        sp.GetRequiredService<PaymentService>().StartAsync(account, order, new PayContext(School, PayChannel.Desktop, "203.0.113.9", null)));

    private async Task PayAtProviderAsync(Guid order, int pick)
    {
        var payments = await app.PaymentsAsync(order);
        var open = payments.Select(p => MerchantNumbers.Of(p.Id)).Where(no => wechat.Order(no) is not null).ToList();
        if (open.Count > 0)
        {
            var no = open[pick % open.Count];
            inbox.Add(wechat.Pay(no).Body);
            trace.Enqueue($"pay {no}");
        }
    }

    private async Task DeliverAsync(int pick)
    {
        var all = inbox.ToArray();
        if (all.Length > 0)
        {
            var body = all[pick % all.Length];
            var signedAt = app.Clock.GetUtcNow();
            var status = await app.NotifyAsync("beifang", PaymentProviderKind.WeChatPay, wechat.SignatureHeaders(body), body);
            if (status != HttpStatusCode.OK && app.Clock.GetUtcNow() - signedAt > WeChatPayProvider.Tolerance)
            {
                // A concurrent tick moved the clock past the signature's age limit while it was in flight (no real clock
                // jumps so): the provider sends it again, signed anew.
                trace.Enqueue($"notify {pick % all.Length} -> {(int)status} (signed before a tick), again");
                status = await app.NotifyAsync("beifang", PaymentProviderKind.WeChatPay, wechat.SignatureHeaders(body), body);
            }

            trace.Enqueue($"notify {pick % all.Length} -> {(int)status}");
            Check(status == HttpStatusCode.OK, $"a genuine notification was refused ({status})");
        }
    }

    private Task TickAsync(int minutes)
    {
        app.Clock.Advance(TimeSpan.FromMinutes(minutes));
        return Act($"tick {minutes} + close due", sp => sp.GetRequiredService<UnpaidOrders>().CloseDueAsync());
    }

    // A refund of any paid payment, sometimes of more than is left.
    private async Task RefundAsync(List<(Guid Order, Guid Account)> orders, int pick, int fen)
    {
        var ids = orders.Select(o => o.Order).ToList();
        var paid = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().Payments.AsNoTracking()
            .Where(p => ids.Contains(p.OrderId) && (p.State == PaymentStates.Succeeded || p.State == PaymentStates.RefundDue)).Select(p => p.Id).ToListAsync());
        if (paid.Count > 0)
        {
            var payment = paid[pick % paid.Count];
            await Act($"refund {fen} of {payment}", sp => sp.GetRequiredService<RefundService>().RefundAsync(payment, fen, "随机退款", "admin", fen % 2 == 0 ? School : null));
        }
    }

    private Task FinishRefundAsync(int pick, bool succeeded)
    {
        var processing = wechat.Refunds().Where(r => r["status"]!.GetValue<string>() == "PROCESSING").Select(r => r["out_refund_no"]!.GetValue<string>()).ToList();
        if (processing.Count > 0)
        {
            var no = processing[pick % processing.Count];
            inbox.Add(wechat.FinishRefund(no, succeeded).Body);
            trace.Enqueue($"finish refund {no} {succeeded}");
        }

        return Task.CompletedTask;
    }

    // An older QR code of the same order (as after a provider switch): a second payment row checked out at the provider.
    private Task SecondPaymentAsync(Guid order) => Act($"second payment of {order}", async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var row = await db.Orders.AsNoTracking().SingleAsync(o => o.Id == order);
        if (row.Status != OrderStatus.PendingPayment)
        {
            return;
        }

        var payment = new Payment { Id = Guid.CreateVersion7(), OrderId = order, Provider = "wechatpay", AmountFen = row.PriceFen, CreatedAt = app.Clock.GetUtcNow() };
        db.Payments.Add(payment);
        await db.SaveChangesAsync();
        var provider = await sp.GetRequiredService<PaymentProviders>().ForAsync(PaymentProviderKind.WeChatPay);
        try
        {
            await provider.CheckoutAsync(new CheckoutRequest(payment, "北方示范大学-加洗", School, School, School + "/pay/notify/wechatpay", row.PayBy, PayChannel.Desktop, null, null), default);
        }
        catch (PaymentProviderException)
        {
            // The provider is failing (an injected fault): the payment stays without a provider order, as a failed checkout leaves it.
        }
    });

    // Everything still in flight is finished: notifications delivered again, refunds finished at the provider, the
    // clock past every deadline, and the reconciliation run until nothing is pending.
    private async Task DrainAsync(Random random)
    {
        wechat.FailNext(0);
        foreach (var body in inbox.ToArray().OrderBy(_ => random.Next()))
        {
            Check(await app.NotifyAsync("beifang", PaymentProviderKind.WeChatPay, wechat.SignatureHeaders(body), body) == HttpStatusCode.OK, "a genuine notification was refused");
        }

        app.Clock.Advance(TimeSpan.FromHours(3));
        await Act("close due", sp => sp.GetRequiredService<UnpaidOrders>().CloseDueAsync());
        for (var round = 0; round < 5; round++)
        {
            await Act("reconcile", sp => sp.GetRequiredService<PaymentReconciliation>().RunAsync());
            foreach (var no in wechat.Refunds().Where(r => r["status"]!.GetValue<string>() == "PROCESSING").Select(r => r["out_refund_no"]!.GetValue<string>()).ToList())
            {
                wechat.FinishRefund(no);  // its notification is lost: the query finds it
            }

            app.Clock.Advance(TimeSpan.FromMinutes(3));
        }
    }

    private async Task CheckAsync(List<(Guid Order, Guid Account)> orders)
    {
        var (rows, payments, refunds, ledger) = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var ids = orders.Select(o => o.Order).ToList();
            return (await db.Orders.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync(),
                await db.Payments.AsNoTracking().Where(p => ids.Contains(p.OrderId)).ToListAsync(),
                await db.Refunds.AsNoTracking().Where(r => ids.Contains(r.OrderId)).ToListAsync(),
                await sp.GetRequiredService<Ledger>().ReadAsync(null, null));
        });
        var states = await app.InSchoolAsync(AppFactory.A, async sp =>
        {
            var school = sp.GetRequiredService<TenantContext>().RequiredSchool.Id;
            var grains = sp.GetRequiredService<IGrainFactory>();
            var list = new List<OrderState>();
            foreach (var (order, _) in orders)
            {
                list.Add((await grains.Order(school, order).GetAsync())!);
            }

            return list;
        });

        foreach (var state in states)
        {
            // A legal path from 待支付, one payment taken at most.
            var at = OrderStatus.PendingPayment;
            foreach (var change in state.History)
            {
                Check(change.From == at && OrderTransitions.TryApply(change.From, change.Event, out var to) && to == change.To, $"order {state.Id}: illegal {change.From} -{change.Event}-> {change.To}");
                at = change.To;
            }

            Check(at == state.Status, $"order {state.Id}: history ends at {at}, status {state.Status}");
            Check(state.History.Count(h => h.Event == OrderEvent.Pay) <= 1, $"order {state.Id} took two payments");

            var mine = payments.Where(p => p.OrderId == state.Id).ToList();
            var kept = mine.Where(p => p.State == PaymentStates.Succeeded).ToList();
            Check(kept.Count <= 1, $"order {state.Id}: {kept.Count} payments kept");
            var back = refunds.Where(r => kept.Any(p => p.Id == r.PaymentId) && r.State == RefundState.Succeeded).Sum(r => r.AmountFen);
            Check(state.Status switch
            {
                OrderStatus.Closed => kept.Count == 0,
                OrderStatus.PendingProduction => kept.Count == 1 && back < kept[0].AmountFen,
                OrderStatus.Refunded => kept.Count == 1 && back == kept[0].AmountFen,
                _ => false,
            }, $"order {state.Id}: {state.Status} with {kept.Count} kept payments and {back} fen back");
        }

        // Every fen the provider took is a payment we hold, and every payment we hold was taken there.
        foreach (var payment in payments)
        {
            var remote = wechat.Order(MerchantNumbers.Of(payment.Id));
            var takenThere = remote?["trade_state"]!.GetValue<string>() is "SUCCESS" or "REFUND";
            var heldHere = payment.State is PaymentStates.Succeeded or PaymentStates.RefundDue;
            Check(takenThere == heldHere, $"payment {payment.Id}: {payment.State} here, {remote?["trade_state"]} at the provider");
            Check(!takenThere || remote!["amount"]!["total"]!.GetValue<long>() == payment.AmountFen, $"payment {payment.Id}: amounts differ");

            // Never more refunded than paid, here or there; a refund that cannot be kept is fully refunded.
            var ours = refunds.Where(r => r.PaymentId == payment.Id).ToList();
            var theirs = wechat.RefundsOf(MerchantNumbers.Of(payment.Id));
            Check(ours.Where(r => r.State != RefundState.Failed).Sum(r => r.AmountFen) <= payment.AmountFen, $"payment {payment.Id}: refunds exceed it");
            Check(theirs.Where(r => r["status"]!.GetValue<string>() != "CLOSED").Sum(r => r["amount"]!["refund"]!.GetValue<long>()) <= payment.AmountFen, $"payment {payment.Id}: provider refunds exceed it");
            if (payment.State == PaymentStates.RefundDue && !ours.Any(r => r.State == RefundState.Failed && r.RequestedBy == PaymentReconciliation.System))
            {
                Check(ours.Where(r => r.State == RefundState.Succeeded).Sum(r => r.AmountFen) == payment.AmountFen, $"payment {payment.Id}: due for refund, not refunded");
            }

            foreach (var refund in theirs)
            {
                var match = ours.SingleOrDefault(r => MerchantNumbers.Of(r.Id) == refund["out_refund_no"]!.GetValue<string>());
                var status = refund["status"]!.GetValue<string>();
                Check(match is not null && match.AmountFen == refund["amount"]!["refund"]!.GetValue<long>()
                    && match.State == (status == "SUCCESS" ? RefundState.Succeeded : status == "CLOSED" ? RefundState.Failed : RefundState.Processing),
                    $"refund {refund["out_refund_no"]}: {status} there, {match?.State} here");
            }

            Check(ours.All(r => r.State is RefundState.Succeeded or RefundState.Failed), $"payment {payment.Id}: a refund is still open after draining");
        }

        // Our own lock kept every refund within what was left: the provider never had to refuse one.
        Check(wechat.OverRefunds == 0, $"{wechat.OverRefunds} refunds asked the provider for more than was left");

        // The ledger says the same (one currency; none at all means nothing was paid, said with the seed to replay).
        Check(ledger.Totals.Count == 1, $"the ledger has {ledger.Totals.Count} totals lines; payments here: {string.Join(", ", payments.Select(p => p.State))}");
        var totals = ledger.Totals[0];
        var takenFen = payments.Where(p => wechat.Order(MerchantNumbers.Of(p.Id))?["trade_state"]!.GetValue<string>() is "SUCCESS" or "REFUND").Sum(p => p.AmountFen);
        var returnedFen = wechat.Refunds().Where(r => r["status"]!.GetValue<string>() == "SUCCESS").Sum(r => r["amount"]!["refund"]!.GetValue<long>());
        var original = ledger.Payments.Where(p => !payments.Any(x => x.Id == p.Payment.Id)).Sum(p => p.Payment.AmountFen);
        Check(totals.Received - original == takenFen, $"ledger received {totals.Received - original}, provider took {takenFen}");
        Check(totals.Refunded == returnedFen, $"ledger refunded {totals.Refunded}, provider returned {returnedFen}");
        Check(totals.Net == totals.Received - returnedFen - totals.RefundDue, "ledger net does not add up");
        Check(payments.Any(p => p.State is PaymentStates.Succeeded or PaymentStates.RefundDue) && refunds.Count > 0, "the run paid or refunded nothing: it tested nothing");
    }

    private void Check(bool condition, string what) =>
        Assert.True(condition, $"seed {seed}: {what}\nlast steps:\n{string.Join('\n', trace.TakeLast(40))}");

    private Task Act(string what, Func<IServiceProvider, Task> work)
    {
        trace.Enqueue(what);
        return app.InSchoolAsync(AppFactory.A, work);
    }
}
