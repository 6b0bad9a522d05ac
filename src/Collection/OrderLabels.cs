using Photocollect.Data;
using Photocollect.Grains.Orders;

namespace Photocollect.Collection;

/// <summary>
/// What an order is called where people see it. The order's kind says how it was bought (集采 through the school's
/// campaign, 零采 on one's own, 加洗 for more prints); the campaign says what the photo is for. A freshman campaign's
/// order is the student's 新生照片, on their pages, the school's pages and in every SMS: calling it 集采 of a
/// graduation photo (毕业照片) would tell a new student something untrue.
/// </summary>
public static class OrderLabels
{
    /// <summary>
    /// The resource key of the order's type as shown: <c>OrderKind.Freshman</c> (新生照片) for a freshman campaign's own
    /// order, otherwise <c>OrderKind.{kind}</c> (集采, 零采, 加洗: prints stay prints, whichever photo they are of).
    /// </summary>
    public static string KindKey(OrderKind kind, CampaignKind campaign) =>
        kind != OrderKind.Reprint && campaign == CampaignKind.Freshman ? "OrderKind.Freshman" : $"OrderKind.{kind}";

    /// <summary>The resource key of what the photo is in a message to the student: 毕业照片 or 新生照片.</summary>
    public static string PhotoKey(CampaignKind campaign) => campaign == CampaignKind.Freshman ? "Sms.Photo.Freshman" : "Sms.Photo.Graduation";
}
