namespace Photocollect.Grains.Students;

/// <summary>
/// One student's place in one campaign's online flow (key <c>{tenantId}/{accountId}{campaignId}</c>): the verified
/// record, wrong verification entries and the lock after five, photo checks, and the one order. Written at each
/// step; calls run one at a time, so two tabs or two double-clicks cannot make two orders.
/// </summary>
public interface IStudentGrain : IGrainWithStringKey
{
    /// <summary>The state (a new student's when nothing is stored).</summary>
    Task<StudentState> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Keeps the record a code resolved to until it is verified (a new code replaces it).</summary>
    Task<StudentState> HoldRecordAsync(string record, CancellationToken cancellationToken = default);

    /// <summary>Counts a verification attempt whose correctness the caller established; locked students are refused
    /// before the attempt is judged.</summary>
    Task<VerificationResult> VerifyAsync(Guid recordId, bool correct, CancellationToken cancellationToken = default);

    /// <summary>True when verification is locked now.</summary>
    Task<DateTimeOffset?> LockedUntilAsync(CancellationToken cancellationToken = default);

    /// <summary>The standards were read and ticked.</summary>
    Task<StudentState> AcknowledgeStandardsAsync(CancellationToken cancellationToken = default);

    /// <summary>Records a photo's automatic check.</summary>
    Task<StudentState> RecordCheckAsync(CheckSummary check, CancellationToken cancellationToken = default);

    /// <summary>Claims the campaign's one order: returns <paramref name="orderId"/> when this call made the claim, or
    /// the order claimed before (by another tab, a double click).</summary>
    Task<Guid> ClaimOrderAsync(Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>Forgets the order (it closed unpaid) so that a new one can be made.</summary>
    Task ReleaseOrderAsync(Guid orderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets the student (their erasure of their data): back to a new student's state, without the registry record a
    /// code resolved to (name, ID number) or the record and order it pointed at. Nothing is written when there is
    /// nothing to forget.
    /// </summary>
    Task ForgetAsync(CancellationToken cancellationToken = default);

    /// <summary>Offline: remembers the session whose queue the student took a number in.</summary>
    Task<StudentState> JoinQueueAsync(Guid sessionId, CancellationToken cancellationToken = default);
}
