using Photocollect.Tenancy.Data;

namespace Photocollect.Data;

/// <summary>A bookable time slot of a session, with how many students it takes.</summary>
public sealed class SessionSlot : ITenantOwned
{
    /// <summary>Key.</summary>
    public Guid Id { get; set; }

    /// <inheritdoc />
    public Guid TenantId { get; set; }

    /// <summary>The session.</summary>
    public Guid SessionId { get; set; }

    /// <summary>Start (UTC).</summary>
    public DateTimeOffset StartsAt { get; set; }

    /// <summary>End (UTC).</summary>
    public DateTimeOffset EndsAt { get; set; }

    /// <summary>Bookings it takes.</summary>
    public int Capacity { get; set; }
}
