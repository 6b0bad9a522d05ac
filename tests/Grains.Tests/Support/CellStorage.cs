using System.Globalization;
using Orleans.Storage;

namespace Photocollect.Grains.Tests.Support;

/// <summary>
/// Grain storage for the test cluster with the PostgreSQL storage's contract (Web.Tests exercise that one): a version
/// per state, a write naming a stale version throws <see cref="InconsistentStateException"/>. Tests seed states, read
/// what the grains wrote, and can slip in another writer's change just before a grain's next write.
/// </summary>
public sealed class CellStorage : IGrainStorage
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (object Value, long Version)> cells = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Action> beforeWrite = new(StringComparer.Ordinal);

    /// <summary>Stores a state as if a grain had written it.</summary>
    public void Seed<T>(string stateName, string key, T state)
        where T : class
    {
        lock (gate)
        {
            cells[Cell(stateName, key)] = (state, cells.TryGetValue(Cell(stateName, key), out var old) ? old.Version + 1 : 1);
        }
    }

    /// <summary>The stored state and its version (0 when none).</summary>
    public (T? Value, long Version) Read<T>(string stateName, string key)
        where T : class
    {
        lock (gate)
        {
            return cells.TryGetValue(Cell(stateName, key), out var cell) ? ((T)cell.Value, cell.Version) : (null, 0);
        }
    }

    /// <summary>Runs <paramref name="otherWriter"/> once, just before the grain's next write of this state.</summary>
    public void BeforeNextWrite(string stateName, string key, Action otherWriter)
    {
        lock (gate)
        {
            beforeWrite[Cell(stateName, key)] = otherWriter;
        }
    }

    /// <inheritdoc />
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (gate)
        {
            if (cells.TryGetValue(Cell(stateName, grainId), out var cell))
            {
                grainState.State = (T)cell.Value;
                grainState.ETag = cell.Version.ToString(CultureInfo.InvariantCulture);
                grainState.RecordExists = true;
            }
            else
            {
                grainState.ETag = null;
                grainState.RecordExists = false;
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var name = Cell(stateName, grainId);
        Action? other;
        lock (gate)
        {
            beforeWrite.Remove(name, out other);
        }

        other?.Invoke();
        lock (gate)
        {
            var stored = cells.TryGetValue(name, out var cell) ? cell.Version.ToString(CultureInfo.InvariantCulture) : null;
            if (stored != grainState.ETag)
            {
                throw new InconsistentStateException($"{name} is at version {stored}, not {grainState.ETag}.");
            }

            var version = cell.Version + 1;
            cells[name] = (grainState.State!, version);
            grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new NotSupportedException();

    private static string Cell(string stateName, GrainId grainId) => Cell(stateName, grainId.Key.ToString()!);

    private static string Cell(string stateName, string key) => $"{stateName}:{key}";
}
