using Photocollect.Grains.Orders;
using Photocollect.Grains.Tests.Support;

namespace Photocollect.Grains.Tests.Orders;

public sealed class OrderGrainShould
{
    private static readonly Guid Tenant = Guid.Parse("6f1c2f55-0000-4000-8000-000000000001");
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);

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
        var cell = reprint ? CellAt(OrderStatus.PendingPayment, OrderKind.Reprint) : CellAt(from);
        var result = await Send(Grain(cell), reprint ? OrderEvent.Pay : @event);

        Assert.Equal(OrderOutcome.Done, result.Outcome);
        // Paying an order that carries a photo goes on to review in the same step.
        Assert.Equal(@event == OrderEvent.Pay ? OrderStatus.PendingReview : to, cell.Read().Value!.Status);
        Assert.Contains(cell.Read().Value!.History, h => h.From == from && h.Event == @event && h.To == to);
    }

    [Theory]
    [MemberData(nameof(Illegal))]
    public async Task RefuseEveryIllegalTransition(OrderStatus from, OrderEvent @event)
    {
        var cell = CellAt(from);
        var before = cell.Read();

        var result = await Send(Grain(cell), @event);

        Assert.NotEqual(OrderOutcome.Done, result.Outcome);
        Assert.Equal(before.Version, cell.Read().Version);  // nothing written
        Assert.Equal(from, cell.Read().Value!.Status);
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
        var cell = CellAt(OrderStatus.PendingPayment);
        var photo = Guid.NewGuid();

        var result = await Grain(cell).SubmitPhotoAsync(photo, "student");

        Assert.Equal(OrderOutcome.Done, result.Outcome);
        Assert.Equal((OrderStatus.PendingPayment, photo), (cell.Read().Value!.Status, cell.Read().Value!.PhotoId));
        Assert.Empty(cell.Read().Value!.History);
    }

    [Fact]
    public async Task StayUnpaidWithoutAPhotoUntilOneIsSubmitted()
    {
        var cell = CellAt(OrderStatus.PendingPayment);
        cell.Write(cell.Read().Value! with { PhotoId = null }, cell.Read().Version);
        var grain = Grain(cell);

        Assert.Equal(OrderStatus.Paid, (await grain.PayAsync("p-1", 3000, "CNY")).State!.Status);
        Assert.Equal(OrderStatus.PendingReview, (await grain.SubmitPhotoAsync(Guid.NewGuid(), "student")).State!.Status);
    }

    [Fact]
    public async Task RefuseAPaymentOfAnotherAmountOrCurrency()
    {
        var grain = Grain(CellAt(OrderStatus.PendingPayment));

        Assert.Equal("amount", (await grain.PayAsync("p-1", 2999, "CNY")).Refusal);
        Assert.Equal("amount", (await grain.PayAsync("p-1", 3000, "USD")).Refusal);
        Assert.Equal(OrderStatus.PendingPayment, (await grain.GetAsync())!.Status);
    }

    [Fact]
    public async Task TreatTheSamePaymentTwiceAsOne()
    {
        var cell = CellAt(OrderStatus.PendingPayment);
        var grain = Grain(cell);

        Assert.Equal(OrderOutcome.Done, (await grain.PayAsync("p-1", 3000, "CNY")).Outcome);
        Assert.Equal(OrderOutcome.AlreadyDone, (await grain.PayAsync("p-1", 3000, "CNY")).Outcome);
        Assert.Equal("status", (await grain.PayAsync("p-2", 3000, "CNY")).Refusal);
        Assert.Single(cell.Read().Value!.History, h => h.Event == OrderEvent.Pay);
    }

    [Fact]
    public async Task AcceptOnlyOneOfManyRacingPayments()
    {
        var cell = CellAt(OrderStatus.PendingPayment);
        // Every activation reads, then waits until all have read before writing: the worst interleaving.
        var arrived = 0;
        var allRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task Gate()
        {
            if (Interlocked.Increment(ref arrived) == 8)
            {
                allRead.TrySetResult();
            }

            return allRead.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }

        var grains = Enumerable.Range(0, 8).Select(_ => new OrderGrain(Key, new MemoryState<OrderState>(cell, Gate), Clock())).ToList();

        var results = await Task.WhenAll(grains.Select((g, i) => Task.Run(() => g.PayAsync($"p-{i}", 3000, "CNY"))));

        Assert.Single(results, r => r.Outcome == OrderOutcome.Done);
        Assert.All(results.Where(r => r.Outcome != OrderOutcome.Done), r => Assert.Equal("status", r.Refusal));
        Assert.Single(cell.Read().Value!.History, h => h.Event == OrderEvent.Pay);
    }

    [Fact]
    public async Task GoBackToReviewAfterARejectionWithoutPayingAgain()
    {
        var cell = CellAt(OrderStatus.PendingReview);
        var grain = Grain(cell);

        await grain.RejectAsync("reviewer-1", "extra_content");
        var photo = Guid.NewGuid();
        var result = await grain.SubmitPhotoAsync(photo, "student");

        Assert.Equal(OrderStatus.PendingReview, result.State!.Status);
        Assert.Equal(photo, result.State.PhotoId);
        Assert.Equal("extra_content", result.State.RejectReason);
        Assert.Single(result.State.History, h => h.Event == OrderEvent.Pay || h.Event == OrderEvent.Resubmit);
    }

    [Fact]
    public async Task CreateAnOrderOnceWithItsPriceFrozen()
    {
        var cell = new MemoryCell<OrderState>();
        var grain = Grain(cell);
        var order = new NewOrder("000015-20260302090000000", Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), OrderKind.Group, 3000, null, TimeSpan.FromMinutes(30));

        var first = await grain.CreateAsync(order);
        var again = await grain.CreateAsync(order with { PriceFen = 1 });

        Assert.Equal(OrderOutcome.Done, first.Outcome);
        Assert.Equal(OrderOutcome.AlreadyDone, again.Outcome);
        Assert.Equal(3000, cell.Read().Value!.PriceFen);
        Assert.Equal(Start + TimeSpan.FromMinutes(30), cell.Read().Value!.PayBy);
    }

    [Fact]
    public async Task QueueAPaidReprintForProductionWithoutReview()
    {
        var cell = CellAt(OrderStatus.PendingPayment, OrderKind.Reprint);
        var grain = Grain(cell);

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

        Assert.Equal("invalid", (await Grain(new MemoryCell<OrderState>()).CreateAsync(order with { PhotoId = null })).Refusal);
        Assert.Equal("invalid", (await Grain(new MemoryCell<OrderState>()).CreateAsync(order with { Copies = 0 })).Refusal);
        var made = await Grain(new MemoryCell<OrderState>()).CreateAsync(order);
        Assert.Equal((OrderOutcome.Done, 2), (made.Outcome, made.State!.Copies));
    }

    [Fact]
    public async Task AnswerNotFoundForAnOrderThatDoesNotExist()
    {
        var result = await Grain(new MemoryCell<OrderState>()).ApproveAsync("reviewer-1");

        Assert.Equal(OrderOutcome.NotFound, result.Outcome);
    }

    private static GrainKey Key { get; } = GrainKey.Create(Tenant, Guid.Parse("00000000-0000-4000-8000-00000000000a").ToString());

    private static FixedClock Clock() => new(Start);

    private static OrderGrain Grain(MemoryCell<OrderState> cell) => new(Key, new MemoryState<OrderState>(cell), Clock());

    private static MemoryCell<OrderState> CellAt(OrderStatus status, OrderKind kind = OrderKind.Group)
    {
        var cell = new MemoryCell<OrderState>();
        cell.Write(new OrderState
        {
            Id = Guid.Parse(Key.Id),
            Number = "000015-20260302090000000",
            AccountId = Guid.NewGuid(),
            StudentId = Guid.NewGuid(),
            CampaignId = Guid.NewGuid(),
            Kind = kind,
            PriceFen = 3000,
            Status = status,
            PhotoId = Guid.NewGuid(),
            PaymentReference = status == OrderStatus.PendingPayment ? null : "p-0",
            CreatedAt = Start,
            PayBy = Start.AddMinutes(30),
        }, 0);
        return cell;
    }

    private static Task<OrderResult> Send(OrderGrain grain, OrderEvent @event) => @event switch
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
