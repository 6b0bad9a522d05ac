using Photocollect.Data;
using Photocollect.Grains.Queues;

namespace Photocollect.Collection.Offline;

/// <summary>The outcome of an offline step: the value, or a problem code saying why not.</summary>
/// <typeparam name="T">The value.</typeparam>
/// <param name="Value">The value when it worked.</param>
/// <param name="Problem">Why not (a snake-case code the pages and the API word).</param>
public sealed record OfflineResult<T>(T? Value, string? Problem);
