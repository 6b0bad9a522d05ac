namespace Photocollect.Grains.Storage;

/// <summary>Names the grains give their persisted state; the host registers a storage provider under <see cref="Provider"/>.</summary>
public static class GrainStorageNames
{
    /// <summary>The one storage provider every grain uses (PostgreSQL in the app, see decision 007).</summary>
    public const string Provider = "photocollect";

    /// <summary>The order grain's state: its <c>Orders</c> row.</summary>
    public const string Order = "order";

    /// <summary>The student grain's state: JSON in <c>GrainStates</c>.</summary>
    public const string Student = "student";

    /// <summary>A collection session's queue: JSON in <c>GrainStates</c>.</summary>
    public const string Queue = "queue";
}
