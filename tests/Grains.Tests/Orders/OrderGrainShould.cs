using Photocollect.Grains.Orders;
using Photocollect.Grains.Storage;
using Photocollect.Grains.Tests.Support;

namespace Photocollect.Grains.Tests.Orders;

[Collection(ClusterTests.Name)]
public sealed class OrderGrainShould
{
    private static readonly Guid Tenant = Guid.Parse("6f1c2f55-0000-4000-8000-000000000001");
    private static readonly DateTimeOffset Start = ClusterFixture.Start;
    private readonly ClusterFixture cluster;

    public OrderGrainShould(ClusterFixture cluster)
    {
        this.cluster = cluster;
        cluster.Clock.Now = Start;
    }

    public static TheoryData<OrderStatus, OrderEvent, OrderStatus> Legal()
    {
        var data = new TheoryData<OrderStatus, OrderEvent, OrderStatus>();
        foreach (var (from, @event, to) in OrderTransitions.All)
        {
            data.Add(from, @event, to);
        }

        return data;
    }

    public static TheoryData<OrderStatus, OrderEvent> Illegal()
    {
        var data = new TheoryData<OrderStatus, OrderEvent>();
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            foreach (var @event in Enum.GetValues<OrderEvent>())
            {
                // One call submits a photo: it is Submit after payment and Resubmit after a rejection, and before
                // payment it only replaces the photo (ReplaceThePhotoOfAnUnpaidOrder).
                var photoCall = @event is OrderEvent.Submit or OrderEvent.Resubmit;
                var photoAccepted = from == OrderStatus.PendingPayment
                    || OrderTransitions.TryApply(from, OrderEvent.Submit, out _) || OrderTransitions.TryApply(from, OrderEvent.Resubmit, out _);
                // Queue has no call of its own: paying a reprint queues it (QueueAPaidReprintForProduction).
                if (@event != OrderEvent.Queue && !OrderTransitions.TryApply(from, @event, out _) && !(photoCall && photoAccepted))
                {
                    data.Add(from, @event);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Legal))]
    public async Task MakeEveryLegalTransition(OrderStatus from, OrderEvent @event, OrderStatus to)
    {
        // Queue happens when a reprint is paid: start that one from 待支付 and pay.
        var reprint = @event == OrderEvent.Queue;
        var key = SeedAt(reprint ? OrderStatus.PendingPayment : from, reprint ? OrderKind.Reprint : OrderKind.Group);
        var result = await Send(Grain(key), reprint ? OrderEvent.Pay : @event);

        Assert.Equal(OrderOutcome.Done, result.Outcome);
        // Paying an order that carries a photo goes on to review in the same step.
        Assert.Equal(@event == OrderEvent.Pay ? OrderStatus.PendingReview : to, Stored(key).Value!.Status);
        Assert.Contains(Stored(key).Value!.History, h => h.From == from && h.Event == @event && h.To == to);
    }

    [Theory]
    [MemberData(nameof(Illegal))]
    public async Task RefuseEveryIllegalTransition(OrderStatus from, OrderEvent @event)
    {
        var key = SeedAt(from);
        var before = Stored(key);

        var result = await Send(Grain(key), @event);

        Assert.NotEqual(OrderOutcome.Done, result.Outcome);
        Assert.Equal(before.Version, Stored(key).Version);  // nothing written
        Assert.Equal(from, Stored(key).Value!.Status);
    }

    [Fact]
    public void HaveExactlyTheNineStatusesOfTheSeed()
    {
        Assert.Equal(9, Enum.GetValues<OrderStatus>().Length);
        Assert.True(OrderTransitions.IsFinal(OrderStatus.Completed));
        Assert.True(OrderTransitions.IsFinal(OrderStatus.Closed));
        Assert.True(OrderTransitions.IsFinal(OrderStatus.Refunded));
        Assert.False(OrderTransitions.IsFinal(OrderStatus.PendingPayment));
    }

    [Fact]
    public async Task ReplaceThePhotoOfAnUnpaidOrder()
    {
        var key = SeedAt(OrderStatus.PendingPayment);
        var photo = Guid.NewGuid();

        var result = await Grain(key).SubmitPhotoAsync(photo, "student");

        Assert.Equal(OrderOutcome.Done, result.Outcome);
        Assert.Equal((OrderStatus.PendingPayment, photo), (Stored(key).Value!.Status, Stored(key).Value!.PhotoId));
        Assert.Empty(Stored(key).Value!.History);
    }

    [Fact]
    public async Task StayUnpaidWithoutAPhotoUntilOneIsSubmitted()
    {
        var key = SeedAt(OrderStatus.PendingPayment, photo: false);
        var grain = Grain(key);

        Assert.Equal(OrderStatus.Paid, (await grain.PayAsync("p-1", 3000, "CNY")).State!.Status);
        Assert.Equal(OrderStatus.PendingReview, (await grain.SubmitPhotoAsync(Guid.NewGuid(), "student")).State!.Status);
    }

    [Fact]
    public async Task RefuseAPaymentOfAnotherAmountOrCurrency()
    {
        var grain = Grain(SeedAt(OrderStatus.PendingPayment));

        Assert.Equal("amount", (await grain.PayAsync("p-1", 2999, "CNY")).Refusal);
        Assert.Equal("amount", (await grain.PayAsync("p-1", 3000, "USD")).Refusal);
        Assert.Equal(OrderStatus.PendingPayment, (await grain.GetAsync())!.Status);
    }

    [Fact]
    public async Task TreatTheSamePaymentTwiceAsOne()
    {
        var key = SeedAt(OrderStatus.PendingPayment);
        var grain = Grain(key);

        Assert.Equal(OrderOutcome.Done, (await grain.PayAsync("p-1", 3000, "CNY")).Outcome);
        Assert.Equal(OrderOutcome.AlreadyDone, (await grain.PayAsync("p-1", 3000, "CNY")).Outcome);
        Assert.Equal("status", (await grain.PayAsync("p-2", 3000, "CNY")).Refusal);
        Assert.Single(Stored(key).Value!.History, h => h.Event == OrderEvent.Pay);
    }

    [Fact]
    public async Task AcceptOnlyOneOfManyRacingPayments()
    {
        var key = SeedAt(OrderStatus.PendingPayment);

        // Eight callers at once, through the cluster's client: the one activation takes them one at a time.
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Grain(key).PayAsync($"p-{i}", 3000, "CNY"))));

        Assert.Single(results, r => r.Outcome == OrderOutcome.Done);
        Assert.All(results.Where(r => r.Outcome != OrderOutcome.Done), r => Assert.Equal("status", r.Refusal));
        Assert.Single(Stored(key).Value!.History, h => h.Event == OrderEvent.Pay);
    }

    [Fact]
    public async Task DecideAgainWhenTheStoredOrderChangedUnderIt()
    {
        // Another activation of the same order (possible for a moment while a silo's death is being declared) pays
        // it between this activation's read and its write: the write fails on the version and the grain decides
        // again on what the other one wrote.
        var key = SeedAt(OrderStatus.PendingPayment);
        var grain = Grain(key);
        Assert.Equal(OrderStatus.PendingPayment, (await grain.GetAsync())!.Status);  // activated, state read
        cluster.Storage.BeforeNextWrite(GrainStorageNames.Order, key, () =>
        {
            var (other, _) = Stored(key);
            cluster.Storage.Seed(GrainStorageNames.Order, key, other! with
            {
                Status = OrderStatus.Paid,
                PaymentReference = "p-other",
                History = [new OrderChange(OrderStatus.PendingPayment, OrderEvent.Pay, OrderStatus.Paid, Start, "payment", "p-other")],
            });
        });

        var result = await grain.PayAsync("p-1", 3000, "CNY");

        Assert.Equal((OrderOutcome.Refused, "status"), (result.Outcome, result.Refusal));
        Assert.Equal("p-other", Stored(key).Value!.PaymentReference);
        Assert.Equal("p-other", (await grain.GetAsync())!.PaymentReference);
    }

    [Fact]
    public async Task GoBackToReviewAfterARejectionWithoutPayingAgain()
    {
        var grain = Grain(SeedAt(OrderStatus.PendingReview));

        await grain.RejectAsync("reviewer-1", "extra_content");
        var photo = Guid.NewGuid();
        var result = await grain.SubmitPhotoAsync(photo, "student");

        Assert.Equal(OrderStatus.PendingReview, result.State!.Status);
        Assert.Equal(photo, result.State.PhotoId);
        Assert.Equal("extra_content", result.State.RejectReason);
        Assert.Single(result.State.History, h => h.Event == OrderEvent.Pay || h.Event == OrderEvent.Resubmit);
    }

    [Fact]
    public async Task KeepTheReviewersNoteWithItsRejectionInTheHistory()
    {
        var key = SeedAt(OrderStatus.PendingReview);
        var grain = Grain(key);

        var rejected = await grain.RejectAsync("reviewer-1", "extra_content", "  请把头发拢到耳后。 ");
        await grain.SubmitPhotoAsync(Guid.NewGuid(), "student");
        var again = await grain.RejectAsync("reviewer-1", "background");

        Assert.Equal("请把头发拢到耳后。", rejected.State!.RejectNote);
        Assert.Null(again.State!.RejectNote);  // the latest rejection's own note: none
        Assert.Equal(["请把头发拢到耳后。", null], Stored(key).Value!.History.Where(h => h.Event == OrderEvent.Reject).Select(h => h.Remark));
    }

    [Fact]
    public async Task RefuseANoteTooLongAndStoreNothing()
    {
        var key = SeedAt(OrderStatus.PendingReview);

        var result = await Grain(key).RejectAsync("reviewer-1", "extra_content", new string('拍', OrderChange.MaxRemarkLength + 1));

        Assert.Equal((OrderOutcome.Refused, "note"), (result.Outcome, result.Refusal));
        Assert.Equal(OrderStatus.PendingReview, Stored(key).Value!.Status);
        Assert.Equal(OrderOutcome.Done, (await Grain(key).RejectAsync("reviewer-1", "extra_content", new string('拍', OrderChange.MaxRemarkLength))).Outcome);
    }

    [Fact]
    public async Task DecideOnlyOnThePhotoTheReviewerSaw()
    {
        var key = SeedAt(OrderStatus.PendingReview);
        var grain = Grain(key);
        var shown = Stored(key).Value!.PhotoId!.Value;

        var approveOther = await grain.ApproveAsync("reviewer-1", Guid.NewGuid());
        var rejectOther = await grain.RejectAsync("reviewer-1", "extra_content", null, Guid.NewGuid());
        var approved = await grain.ApproveAsync("reviewer-1", shown);

        Assert.Equal(("photo", "photo"), (approveOther.Refusal, rejectOther.Refusal));
        Assert.Equal((OrderOutcome.Done, OrderStatus.PendingProduction), (approved.Outcome, approved.State!.Status));
        Assert.Equal(OrderOutcome.AlreadyDone, (await grain.ApproveAsync("reviewer-1", shown)).Outcome);
    }

    [Fact]
    public async Task CreateAnOrderOnceWithItsPriceFrozen()
    {
        var key = NewKey();
        var grain = Grain(key);
        var order = new NewOrder("000015-20260302090000000", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), OrderKind.Group, 3000, null, TimeSpan.FromMinutes(30));

        var first = await grain.CreateAsync(order);
        var again = await grain.CreateAsync(order with { PriceFen = 1 });

        Assert.Equal(OrderOutcome.Done, first.Outcome);
        Assert.Equal(OrderOutcome.AlreadyDone, again.Outcome);
        Assert.Equal(3000, Stored(key).Value!.PriceFen);
        Assert.Equal(Start + TimeSpan.FromMinutes(30), Stored(key).Value!.PayBy);
    }

    [Fact]
    public async Task QueueAPaidReprintForProductionWithoutReview()
    {
        var grain = Grain(SeedAt(OrderStatus.PendingPayment, OrderKind.Reprint));

        var paid = await grain.PayAsync("p-1", 3000, "CNY");

        Assert.Equal(OrderStatus.PendingProduction, paid.State!.Status);
        Assert.Equal([OrderEvent.Pay, OrderEvent.Queue], paid.State.History.Select(h => h.Event));
        Assert.Equal("kind", (await grain.SubmitPhotoAsync(Guid.NewGuid(), "student")).Refusal);
        Assert.Equal(OrderStatus.InProduction, (await grain.StartProductionAsync("staff-1")).State!.Status);
    }

    [Fact]
    public async Task RefuseAReprintWithoutAPhotoOrCopies()
    {
        var order = new NewOrder("000015-20260302090000000", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), OrderKind.Reprint, 1000, Guid.NewGuid(), TimeSpan.FromMinutes(30), 2);

        Assert.Equal("invalid", (await Grain(NewKey()).CreateAsync(order with { PhotoId = null })).Refusal);
        Assert.Equal("invalid", (await Grain(NewKey()).CreateAsync(order with { Copies = 0 })).Refusal);
        var made = await Grain(NewKey()).CreateAsync(order);
        Assert.Equal((OrderOutcome.Done, 2), (made.Outcome, made.State!.Copies));
    }

    [Fact]
    public async Task AnswerNotFoundForAnOrderThatDoesNotExist()
    {
        var result = await Grain(NewKey()).ApproveAsync("reviewer-1");

        Assert.Equal(OrderOutcome.NotFound, result.Outcome);
    }

    private static string NewKey() => GrainKey.Create(Tenant, Guid.NewGuid().ToString("D")).ToString();

    private IOrderGrain Grain(string key) => cluster.Grains.GetGrain<IOrderGrain>(key);

    private (OrderState? Value, long Version) Stored(string key) => cluster.Storage.Read<OrderState>(GrainStorageNames.Order, key);

    private string SeedAt(OrderStatus status, OrderKind kind = OrderKind.Group, bool photo = true)
    {
        var key = NewKey();
        cluster.Storage.Seed(GrainStorageNames.Order, key, new OrderState
        {
            Id = Guid.Parse(GrainKey.Parse(key).Id),
            Number = "000015-20260302090000000",
            AccountId = Guid.NewGuid(),
            StudentId = Guid.NewGuid(),
            CampaignId = Guid.NewGuid(),
            Kind = kind,
            PriceFen = 3000,
            Status = status,
            PhotoId = photo ? Guid.NewGuid() : null,
            PaymentReference = status == OrderStatus.PendingPayment ? null : "p-0",
            CreatedAt = Start,
            PayBy = Start.AddMinutes(30),
        });
        return key;
    }

    private static Task<OrderResult> Send(IOrderGrain grain, OrderEvent @event) => @event switch
    {
        OrderEvent.Pay => grain.PayAsync("p-1", 3000, "CNY"),
        OrderEvent.Submit or OrderEvent.Resubmit => grain.SubmitPhotoAsync(Guid.NewGuid(), "student"),
        OrderEvent.Approve => grain.ApproveAsync("reviewer-1"),
        OrderEvent.Reject => grain.RejectAsync("reviewer-1", "extra_content"),
        OrderEvent.StartProduction => grain.StartProductionAsync("staff-1"),
        OrderEvent.Complete => grain.CompleteAsync("staff-1"),
        OrderEvent.Close => grain.CloseAsync("system", "timeout"),
        OrderEvent.Refund => grain.RefundAsync("admin-1", "r-1"),
        _ => throw new ArgumentOutOfRangeException(nameof(@event)),
    };
}
