namespace Photocollect.Grains.Orders;

/// <summary>How a call on an order ended.</summary>
[GenerateSerializer]
public enum OrderOutcome
{
    /// <summary>Done now.</summary>
    Done,

    /// <summary>Nothing to do: the same thing was already done (a repeated click or notification).</summary>
    AlreadyDone,

    /// <summary>Not allowed in the order's status, or the request does not match the order.</summary>
    Refused,

    /// <summary>No such order.</summary>
    NotFound,
}
