namespace Photocollect.Grains.Orders;

/// <summary>What the order is for: 集采 (group, through the school's campaign), 零采 (individual) or 加洗 (reprints).</summary>
[GenerateSerializer]
public enum OrderKind
{
    /// <summary>集采.</summary>
    Group,

    /// <summary>零采.</summary>
    Individual,

    /// <summary>加洗: more prints of a photo already approved; paid, it goes straight to production.</summary>
    Reprint,
}
