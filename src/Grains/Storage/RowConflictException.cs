namespace Photocollect.Grains.Storage;

/// <summary>
/// A new state could not be stored because it clashes with another row on something other than the grain's own key
/// (an order number already taken, a second open order for the record). The grain refuses with <see cref="Reason"/>;
/// a clash on the grain's own key is an <c>InconsistentStateException</c> instead.
/// </summary>
public sealed class RowConflictException : Exception
{
    /// <summary>Creates one.</summary>
    public RowConflictException()
        : this("conflict")
    {
    }

    /// <summary>Creates one with a stable reason such as <c>number</c> or <c>open_order</c>.</summary>
    public RowConflictException(string reason)
        : base($"The state clashes with another row ({reason}).") => Reason = reason;

    /// <summary>Creates one with a reason and the storage's own error.</summary>
    public RowConflictException(string reason, Exception inner)
        : base($"The state clashes with another row ({reason}).", inner) => Reason = reason;

    /// <summary>The stable reason the grain refuses with.</summary>
    public string Reason { get; } = "conflict";

    /// <summary>The conflict inside <paramref name="e"/> (the silo wraps what a storage throws), or null.</summary>
    public static RowConflictException? In(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is RowConflictException conflict)
            {
                return conflict;
            }
        }

        return null;
    }
}
