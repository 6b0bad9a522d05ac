using Microsoft.EntityFrameworkCore;
using Photocollect.Grains;
using Photocollect.Vision;

namespace Photocollect.Collection;

/// <summary>What the student enters to verify (which fields count depends on the campaign).</summary>
/// <param name="FeatureCode">The school's feature code.</param>
/// <param name="IdLastFour">Last four characters of the ID number.</param>
/// <param name="Name">Name (roster mode).</param>
/// <param name="StudentNumber">Student number (roster mode).</param>
/// <param name="Phone">Phone for notifications; the account's when empty.</param>
public sealed record VerifyInput(string? FeatureCode, string? IdLastFour, string? Name, string? StudentNumber, string? Phone);
