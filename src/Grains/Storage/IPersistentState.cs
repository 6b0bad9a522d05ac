namespace Photocollect.Grains.Storage;

/// <summary>
/// A grain's persisted state, shaped like Orleans' <c>IPersistentState&lt;T&gt;</c>: the grain changes
/// <see cref="State"/> and writes it; a write made from a stale read fails with
/// <see cref="InconsistentStateException"/> (optimistic concurrency on <see cref="ETag"/>).
/// </summary>
/// <typeparam name="TState">The state record.</typeparam>
public interface IPersistentState<TState>
    where TState : class
{
    /// <summary>The state as last read or written; null when none has been stored.</summary>
    TState? State { get; set; }

    /// <summary>Version of the stored state as last read; null when none is stored.</summary>
    string? ETag { get; }

    /// <summary>Reads the stored state.</summary>
    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/> if the stored version is still <see cref="ETag"/>.</summary>
    /// <exception cref="InconsistentStateException">Someone else wrote in between.</exception>
    Task WriteStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>The stored state changed since it was read (as Orleans' exception of the same name).</summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates one.</summary>
    public InconsistentStateException()
        : base("The stored state changed since it was read.")
    {
    }

    /// <summary>Creates one with a message.</summary>
    public InconsistentStateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates one wrapping the storage's own error.</summary>
    public InconsistentStateException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
