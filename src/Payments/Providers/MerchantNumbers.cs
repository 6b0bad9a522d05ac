
namespace Photocollect.Payments;

/// <summary>Our payment and refund ids as merchant order and refund numbers (32 hex digits) at every provider.</summary>
public static class MerchantNumbers
{
    /// <summary>The number of an id.</summary>
    public static string Of(Guid id) => id.ToString("N");

    /// <summary>The id of a number, or null when it is not one of ours.</summary>
    public static Guid? Parse(string? number) => Guid.TryParseExact(number, "N", out var id) ? id : null;
}
