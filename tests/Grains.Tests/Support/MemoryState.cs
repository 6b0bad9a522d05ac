using Photocollect.Grains.Storage;

namespace Photocollect.Grains.Tests.Support;

/// <summary>One stored value with a version, shared by every <see cref="MemoryState{T}"/> over it (as rows are by
/// grain activations on several web replicas).</summary>
public sealed class MemoryCell<T>
    where T : class
{
    private readonly Lock gate = new();
    private T? value;
    private long version;

    public (T? Value, long Version) Read()
    {
        lock (gate)
        {
            return (value, version);
        }
    }

    public long Write(T next, long expected)
    {
        lock (gate)
        {
            if (version != expected)
            {
                throw new InconsistentStateException();
            }

            value = next;
            return ++version;
        }
    }
}

/// <summary>Grain storage over a <see cref="MemoryCell{T}"/> with the same optimistic-concurrency contract as the
/// PostgreSQL storage (which Web.Tests exercise); here it lets a test interleave two activations at will.</summary>
public sealed class MemoryState<T>(MemoryCell<T> cell, Func<Task>? beforeWrite = null) : IPersistentState<T>
    where T : class
{
    private long version;

    public T? State { get; set; }

    public string? ETag => State is null ? null : version.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        (State, version) = cell.Read();
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        if (beforeWrite is not null)
        {
            await beforeWrite();
        }

        version = cell.Write(State!, version);
    }
}
