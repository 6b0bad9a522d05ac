namespace Photocollect.Web.Pages.Student.Orders;

/// <summary>What an order's page shows of its record: held beside the order list, so masked before it is held.</summary>
/// <param name="Name">The student's name.</param>
/// <param name="College">The college.</param>
/// <param name="Major">The major.</param>
/// <param name="MaskedIdNumber">The ID number, masked, or null when there is none (freshmen; blanked by the purge).</param>
/// <param name="MaskedPhone">The record's phone, masked.</param>
public sealed record OrderRecord(string Name, string College, string Major, string? MaskedIdNumber, string MaskedPhone);
