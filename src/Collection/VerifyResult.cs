using Microsoft.EntityFrameworkCore;
using Photocollect.Data;

namespace Photocollect.Collection;

/// <summary>The outcome of a verification.</summary>
public sealed record VerifyResult(StudentRecord? Record, VerifyProblem? Problem, int RemainingAttempts = 0, DateTimeOffset? LockedUntil = null);
