namespace Photocollect.Grains.Orders;

/// <summary>One order as a student's order list shows it, on the page and through the API.</summary>
/// <param name="Id">The order.</param>
/// <param name="Number">Its number.</param>
/// <param name="Kind">集采, 零采 or 加洗.</param>
/// <param name="KindKey">The resource key of its type as the student sees it (a freshman campaign's order is 新生照片).</param>
/// <param name="Copies">Sets of prints.</param>
/// <param name="Status">Its status.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="Name">The name on its record.</param>
/// <param name="PriceFen">Its price in fen.</param>
/// <param name="Currency">ISO 4217 currency of the price.</param>
/// <param name="PayBy">When it closes unpaid.</param>
/// <param name="PhotoId">The photo it holds, if any.</param>
/// <param name="RejectReason">The code of the latest rejection's reason, if any.</param>
/// <param name="RejectNote">The reviewer's note with the latest rejection, if any.</param>
/// <param name="MaskedIdNumber">The record's ID number masked (110***********1234), or null when it has none.</param>
/// <param name="MaskedPhone">The record's phone masked (138****5678).</param>
[GenerateSerializer, Immutable]
public sealed record OrderListing(
    Guid Id,
    string Number,
    OrderKind Kind,
    string KindKey,
    int Copies,
    OrderStatus Status,
    DateTimeOffset CreatedAt,
    string Name,
    long PriceFen,
    string Currency,
    DateTimeOffset PayBy,
    Guid? PhotoId,
    string? RejectReason,
    string? RejectNote,
    string? MaskedIdNumber,
    string MaskedPhone);
