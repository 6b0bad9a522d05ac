using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Photocollect.Grains;
using Photocollect.Grains.Orders;
using Photocollect.Grains.Students;
using Photocollect.Tenancy;
using Photocollect.Vision;
using Photocollect.Data;
using Photocollect.Collection.Registry;

namespace Photocollect.Collection;

/// <summary>The outcome of a verification.</summary>
public sealed record VerifyResult(StudentRecord? Record, VerifyProblem? Problem, int RemainingAttempts = 0, DateTimeOffset? LockedUntil = null);
