namespace Photocollect.Grains.Students;

/// <summary>The latest automatic check of the student's photo.</summary>
/// <param name="PhotoId">The photo.</param>
/// <param name="Passed">Whether every check passed.</param>
/// <param name="Failed">Names of the failed checks.</param>
/// <param name="At">When (UTC).</param>
[GenerateSerializer, Immutable]
public sealed record CheckSummary(Guid PhotoId, bool Passed, IReadOnlyList<string> Failed, DateTimeOffset At);
