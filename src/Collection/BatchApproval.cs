namespace Photocollect.Collection;

/// <summary>What a batch approval did: the orders approved and those left as they were, each with why.</summary>
/// <param name="Approved">Numbers of the orders approved now.</param>
/// <param name="Skipped">The orders not approved.</param>
public sealed record BatchApproval(IReadOnlyList<string> Approved, IReadOnlyList<BatchSkip> Skipped);
