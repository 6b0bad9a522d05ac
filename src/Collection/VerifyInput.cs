using Microsoft.EntityFrameworkCore;
using Photocollect.Grains;
using Photocollect.Vision;

namespace Photocollect.Collection;

/// <summary>What the student enters to verify (which fields count depends on the campaign, so none is required).</summary>
/// <param name="FeatureCode">The school's feature code.</param>
/// <param name="IdLastFour">Last four characters of the ID number.</param>
/// <param name="Name">Name (roster mode).</param>
/// <param name="StudentNumber">Student number (roster mode).</param>
/// <param name="Phone">Phone for notifications; the account's when empty.</param>
public sealed record VerifyInput(string? FeatureCode = null, string? IdLastFour = null, string? Name = null, string? StudentNumber = null, string? Phone = null);
