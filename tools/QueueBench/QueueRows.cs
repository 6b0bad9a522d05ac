using System.Text.Json;
using Npgsql;
using Photocollect.BenchKit;

namespace Photocollect.QueueBench;

/// <summary>
/// A session's queue as the database holds it: the queue grain's state, JSON in <c>GrainStates</c> (GrainType
/// <c>queue</c>), every number issued in order. What was written is what counts: a number is written before it is
/// answered.
/// </summary>
/// <param name="Entries">Number and order of each entry, in the order stored.</param>
public sealed record QueueRows(IReadOnlyList<(int Number, Guid OrderId)> Entries)
{
    /// <summary>Reads the queue of a session.</summary>
    public static async Task<QueueRows> ReadAsync(BenchDatabase db, Guid tenantId, Guid sessionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var json = await db.QueryAsync(async c =>
        {
            await using var command = new NpgsqlCommand("""
                SELECT "Json"::text FROM "GrainStates" WHERE "TenantId" = @tenant AND "GrainType" = 'queue' AND "GrainId" = @id
                """, c);
            command.Parameters.AddWithValue("tenant", tenantId);
            command.Parameters.AddWithValue("id", sessionId.ToString("D"));
            return (string?)await command.ExecuteScalarAsync(cancellationToken);
        }, cancellationToken);
        if (json is null)
        {
            return new QueueRows([]);
        }

        var entries = JsonDocument.Parse(json).RootElement.GetProperty("entries").EnumerateArray()
            .Select(e => (e.GetProperty("number").GetInt32(), e.GetProperty("orderId").GetGuid()));
        return new QueueRows([.. entries]);
    }

    /// <summary>Whether the numbers are 1, 2, 3… in order, each once.</summary>
    public bool Consecutive => Entries.Select((e, i) => e.Number == i + 1).All(ok => ok);

    /// <summary>Orders that hold more than one number.</summary>
    public int OrdersTwice => Entries.GroupBy(e => e.OrderId).Count(g => g.Count() > 1);

    /// <summary>Numbers that stand more than once.</summary>
    public int NumbersTwice => Entries.GroupBy(e => e.Number).Count(g => g.Count() > 1);

    /// <summary>Whether the stored entry of <paramref name="number"/> is <paramref name="orderId"/>'s.</summary>
    public bool Holds(int number, Guid orderId) => Entries.Any(e => e.Number == number && e.OrderId == orderId);
}
