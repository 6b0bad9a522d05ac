using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Storage;
using Photocollect.Grains.Storage;

namespace Photocollect.Grains.Orders;

/// <summary>The order grain (see <see cref="IOrderGrain"/>).</summary>
/// <param name="storage">Its persisted state, read when the grain activates.</param>
/// <param name="clock">The clock.</param>
/// <param name="logger">Where a student's order list that could not be told of a change is reported.</param>
public sealed class OrderGrain(
    [PersistentState(GrainStorageNames.Order, GrainStorageNames.Provider)] IPersistentState<OrderState> storage,
    TimeProvider clock,
    ILogger<OrderGrain> logger) : Grain, IOrderGrain
{
    // A write that finds the row changed re-reads it and decides again; more clashes than this in a row means
    // something is wrong.
    private const int Attempts = 5;

    private GrainKey Key => GrainKey.Parse(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public Task<OrderState?> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(storage.RecordExists ? storage.State : null);

    /// <inheritdoc />
    public async Task<OrderResult> CreateAsync(NewOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.PriceFen < 0 || order.Copies < 1 || (order.Kind == OrderKind.Reprint && order.PhotoId is null) || !OrderNumbers.IsWellFormed(order.Number))
        {
            return new(OrderOutcome.Refused, null, "invalid");
        }

        if (storage.RecordExists)
        {
            return new(OrderOutcome.AlreadyDone, storage.State);
        }

        var now = clock.GetUtcNow();
        storage.State = new OrderState
        {
            Id = Guid.Parse(Key.Id),
            Number = order.Number,
            AccountId = order.AccountId,
            StudentId = order.StudentId,
            CampaignId = order.CampaignId,
            Kind = order.Kind,
            PriceFen = order.PriceFen,
            PhotoId = order.PhotoId,
            Copies = order.Copies,
            CreatedAt = now,
            PayBy = now + order.PayWithin,
        };
        try
        {
            await storage.WriteStateAsync(cancellationToken);
        }
        catch (InconsistentStateException)
        {
            // Made meanwhile by another activation of this key (or by this write, its answer lost and the insert
            // retried): that one stands. Nothing readable under this school means the id is another school's: refused,
            // and nothing of theirs is shown.
            await storage.ReadStateAsync(cancellationToken);
            await ListChangedAsync(order.AccountId);
            return storage.RecordExists ? new(OrderOutcome.AlreadyDone, storage.State) : new(OrderOutcome.Refused, null, "conflict");
        }
        catch (Exception e) when (RowConflictException.In(e) is { } conflict)
        {
            // The number is taken, or the record has an open order already: nothing was stored.
            return new(OrderOutcome.Refused, null, conflict.Reason);
        }
        catch
        {
            DiscardUnsaved();
            await ListChangedAsync(order.AccountId);
            throw;
        }

        await ListChangedAsync(order.AccountId);
        return new(OrderOutcome.Done, storage.State);
    }

    /// <inheritdoc />
    public Task<OrderResult> PayAsync(string paymentReference, long amountFen, string currency, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(paymentReference);
        return ChangeAsync(state =>
        {
            if (state.PaymentReference == paymentReference)
            {
                return Decision.AlreadyDone;
            }

            if (state.Status != OrderStatus.PendingPayment)
            {
                return Decision.Refuse("status");
            }

            if (amountFen != state.PriceFen || !string.Equals(currency, state.Currency, StringComparison.Ordinal))
            {
                return Decision.Refuse("amount");
            }

            var paid = Apply(state, OrderEvent.Pay, "payment", paymentReference) with { PaymentReference = paymentReference };
            return Decision.To(
                paid.Kind == OrderKind.Reprint ? Apply(paid, OrderEvent.Queue, "payment", null)
                : paid.PhotoId is null ? paid
                : Apply(paid, OrderEvent.Submit, "payment", null));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<OrderResult> SubmitPhotoAsync(Guid photoId, string actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(state => state.Status switch
        {
            _ when state.Kind == OrderKind.Reprint => Decision.Refuse("kind"),  // its photo was approved on the original order
            _ when state.PhotoId == photoId && state.Status is OrderStatus.PendingPayment or OrderStatus.PendingReview => Decision.AlreadyDone,
            OrderStatus.PendingPayment => Decision.To(state with { PhotoId = photoId }),
            OrderStatus.Paid => Decision.To(Apply(state with { PhotoId = photoId }, OrderEvent.Submit, actor, null)),
            OrderStatus.Rejected => Decision.To(Apply(state with { PhotoId = photoId }, OrderEvent.Resubmit, actor, null)),
            _ => Decision.Refuse("status"),
        }, cancellationToken);

    /// <inheritdoc />
    public Task<OrderResult> ApproveAsync(string reviewer, Guid? photoId = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(state => photoId is { } seen && state.PhotoId != seen ? Decision.Refuse("photo") : Decide(state, OrderEvent.Approve, reviewer, null), cancellationToken);

    /// <inheritdoc />
    public Task<OrderResult> RejectAsync(string reviewer, string reason, string? note = null, Guid? photoId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var remark = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (remark is { Length: > OrderChange.MaxRemarkLength })
        {
            return Task.FromResult(new OrderResult(OrderOutcome.Refused, null, "note"));
        }

        return ChangeAsync(
            state => photoId is { } seen && state.PhotoId != seen ? Decision.Refuse("photo")
                : OrderTransitions.TryApply(state.Status, OrderEvent.Reject, out _)
                ? Decision.To(Apply(state, OrderEvent.Reject, reviewer, reason, remark) with { RejectReason = reason })
                : Decision.Refuse("status"),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<OrderResult> StartProductionAsync(string actor, CancellationToken cancellationToken = default) =>
        Transition(OrderEvent.StartProduction, actor, null, cancellationToken);

    /// <inheritdoc />
    public Task<OrderResult> CompleteAsync(string actor, CancellationToken cancellationToken = default) =>
        Transition(OrderEvent.Complete, actor, null, cancellationToken);

    /// <inheritdoc />
    public Task<OrderResult> CloseAsync(string actor, string reason, CancellationToken cancellationToken = default) =>
        Transition(OrderEvent.Close, actor, reason, cancellationToken);

    /// <inheritdoc />
    public Task<OrderResult> RefundAsync(string actor, string reference, CancellationToken cancellationToken = default) =>
        Transition(OrderEvent.Refund, actor, reference, cancellationToken);

    private Task<OrderResult> Transition(OrderEvent @event, string actor, string? note, CancellationToken cancellationToken) =>
        ChangeAsync(state => Decide(state, @event, actor, note), cancellationToken);

    private Decision Decide(OrderState state, OrderEvent @event, string actor, string? note)
    {
        if (OrderTransitions.TryApply(state.Status, @event, out _))
        {
            return Decision.To(Apply(state, @event, actor, note));
        }

        // The same event again right after it happened (a double click, a repeated job) is already done.
        return state.History.Count > 0 && state.History[^1].Event == @event ? Decision.AlreadyDone : Decision.Refuse("status");
    }

    private OrderState Apply(OrderState state, OrderEvent @event, string actor, string? note, string? remark = null)
    {
        if (!OrderTransitions.TryApply(state.Status, @event, out var to))
        {
            throw new InvalidOperationException($"{@event} is not allowed in {state.Status}.");
        }

        return state with
        {
            Status = to,
            History = [.. state.History, new OrderChange(state.Status, @event, to, clock.GetUtcNow(), actor, note, remark)],
        };
    }

    private async Task<OrderResult> ChangeAsync(Func<OrderState, Decision> decide, CancellationToken cancellationToken)
    {
        // A clash may be this activation's own write, its answer lost and retried: the list is told in any case.
        var clashed = false;
        for (var attempt = 1; ; attempt++)
        {
            if (!storage.RecordExists)
            {
                return new(OrderOutcome.NotFound, null, "not_found");
            }

            var state = storage.State;

            var decision = decide(state);
            if (decision.Next is null)
            {
                if (clashed)
                {
                    await ListChangedAsync(state.AccountId);
                }

                return new(decision.Refusal is null ? OrderOutcome.AlreadyDone : OrderOutcome.Refused, state, decision.Refusal);
            }

            storage.State = decision.Next;
            try
            {
                await storage.WriteStateAsync(cancellationToken);
            }
            catch (InconsistentStateException) when (attempt < Attempts)
            {
                // Someone else changed the row: decide again on what they wrote.
                await storage.ReadStateAsync(cancellationToken);
                clashed = true;
                continue;
            }
            catch (Exception e) when (RowConflictException.In(e) is { } conflict)
            {
                storage.State = state;
                return new(OrderOutcome.Refused, state, conflict.Reason);
            }
            catch (Exception e) when (e is not InconsistentStateException)
            {
                // The database did not answer: the change may or may not be stored. Keep nothing of it here, so that a
                // retry is decided on what the row holds, not on what this activation hoped it held.
                storage.State = state;
                DiscardUnsaved();
                await ListChangedAsync(state.AccountId);
                throw;
            }

            await ListChangedAsync(state.AccountId);
            return new(OrderOutcome.Done, decision.Next);
        }
    }

    // The student's order list is told after the row is written (or may have been), before the caller hears of it, so
    // a page the caller shows next lists the change. Not reaching it does not undo the change, nor holds it up for
    // long: the list is read again within its age limit.
    private Task ListChangedAsync(Guid accountId) => StudentOrdersGrain.ForgetAsync(GrainFactory, Key.TenantId, [accountId], logger);

    // The next call comes to a new activation, which reads the row.
    private void DiscardUnsaved() => DeactivateOnIdle();

    private sealed record Decision(OrderState? Next, string? Refusal)
    {
        public static readonly Decision AlreadyDone = new(null, null);

        public static Decision To(OrderState next) => new(next, null);

        public static Decision Refuse(string why) => new(null, why);
    }
}
