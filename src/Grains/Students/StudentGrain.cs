using Orleans.Runtime;
using Photocollect.Grains.Storage;

namespace Photocollect.Grains.Students;

/// <summary>The student grain (see <see cref="IStudentGrain"/>).</summary>
/// <param name="storage">Its persisted state, read when the grain activates.</param>
/// <param name="clock">The clock.</param>
public sealed class StudentGrain(
    [PersistentState(GrainStorageNames.Student, GrainStorageNames.Provider)] IPersistentState<StudentState> storage,
    TimeProvider clock) : Grain, IStudentGrain
{
    /// <summary>Wrong entries allowed before the lock.</summary>
    public const int MaxFailedVerifications = 5;

    /// <summary>How long the lock lasts.</summary>
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(30);

    private const int Attempts = 5;

    /// <inheritdoc />
    public Task<StudentState> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(Current);

    /// <inheritdoc />
    public Task<DateTimeOffset?> LockedUntilAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(Current.LockedUntil > clock.GetUtcNow() ? Current.LockedUntil : null);

    private StudentState Current => storage.RecordExists && storage.State is { } state ? state : new StudentState();

    /// <inheritdoc />
    public Task<StudentState> HoldRecordAsync(string record, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(record);
        return ChangeAsync(state => state with { PendingRecord = record }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<VerificationResult> VerifyAsync(Guid recordId, bool correct, CancellationToken cancellationToken = default)
    {
        VerificationResult? result = null;
        await ChangeAsync(state =>
        {
            var now = clock.GetUtcNow();
            if (state.LockedUntil > now)
            {
                result = new(VerificationOutcome.Locked, 0, state.LockedUntil);
                return null;
            }

            if (correct)
            {
                result = new(VerificationOutcome.Verified, MaxFailedVerifications, null);
                return state with
                {
                    RecordId = recordId,
                    FailedVerifications = 0,
                    LockedUntil = null,
                    Step = state.Step == StudentStep.NeedsRecord || state.RecordId != recordId ? StudentStep.Verified : state.Step,
                };
            }

            var failed = state.FailedVerifications + 1;
            if (failed >= MaxFailedVerifications)
            {
                result = new(VerificationOutcome.Locked, 0, now + LockFor);
                return state with { FailedVerifications = 0, LockedUntil = now + LockFor };
            }

            result = new(VerificationOutcome.Wrong, MaxFailedVerifications - failed, null);
            return state with { FailedVerifications = failed };
        }, cancellationToken);
        return result!;
    }

    /// <inheritdoc />
    public Task<StudentState> AcknowledgeStandardsAsync(CancellationToken cancellationToken = default) =>
        ChangeAsync(state => state.Step == StudentStep.Verified ? state with { Step = StudentStep.ReadyToShoot } : null, cancellationToken);

    /// <inheritdoc />
    public Task<StudentState> RecordCheckAsync(CheckSummary check, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(check);
        return ChangeAsync(state => state with
        {
            CheckAttempts = state.CheckAttempts + 1,
            LastCheck = check,
            Step = state.Step is StudentStep.ReadyToShoot or StudentStep.PhotoPassed
                ? (check.Passed ? StudentStep.PhotoPassed : StudentStep.ReadyToShoot)
                : state.Step,
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Guid> ClaimOrderAsync(Guid orderId, CancellationToken cancellationToken = default)
    {
        var state = await ChangeAsync(
            state => state.OrderId is null ? state with { OrderId = orderId, Step = StudentStep.Ordered } : null,
            cancellationToken);
        return state.OrderId!.Value;
    }

    /// <inheritdoc />
    public Task ReleaseOrderAsync(Guid orderId, CancellationToken cancellationToken = default) =>
        ChangeAsync(
            state => state.OrderId == orderId
                ? state with { OrderId = null, Step = state.LastCheck?.Passed == true ? StudentStep.PhotoPassed : StudentStep.ReadyToShoot }
                : null,
            cancellationToken);

    /// <inheritdoc />
    public Task ForgetAsync(CancellationToken cancellationToken = default) =>
        ChangeAsync(state => state == new StudentState() ? null : new StudentState(), cancellationToken);

    /// <inheritdoc />
    public Task<StudentState> JoinQueueAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        ChangeAsync(state => state with { QueueSessionId = sessionId }, cancellationToken);

    // change returns the next state, or null for "nothing to write".
    private Task<StudentState> ChangeAsync(Func<StudentState, StudentState?> change, CancellationToken cancellationToken) =>
        storage.ChangeAsync(() => Current, change, DeactivateOnIdle, Attempts, cancellationToken);
}
