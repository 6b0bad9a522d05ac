using System.Globalization;

namespace Photocollect.QueueBench;

/// <summary>What a stretch of the bench cost (see <see cref="Meter"/>).</summary>
/// <param name="Took">How long it ran.</param>
/// <param name="Cores">CPU of each process measured, in cores; null for one that died meanwhile.</param>
/// <param name="Postgres">PostgreSQL's CPU, in cores.</param>
/// <param name="Machine">The whole machine's CPU, in cores.</param>
/// <param name="TransactionsPerSecond">The database's transactions per second.</param>
/// <param name="Refused">Connections PostgreSQL refused for want of a slot.</param>
/// <param name="ForksPerSecond">Processes started per second on the whole machine.</param>
/// <param name="Connections">Client connections open at the end.</param>
public sealed record Usage(TimeSpan Took, IReadOnlyList<double?> Cores, double Postgres, double Machine, double TransactionsPerSecond, int Refused,
    double ForksPerSecond, int Connections)
{
    /// <summary>Cores as the tables print them.</summary>
    public static string F(double? cores) => cores is { } c ? c.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    /// <summary>One line: each process, PostgreSQL, the machine.</summary>
    public string Line(IReadOnlyList<string> names) =>
        string.Join(", ", (names ?? []).Select((n, i) => $"{n} {F(Cores[i])}")) + $", PostgreSQL {F(Postgres)}, whole machine {F(Machine)} of {Environment.ProcessorCount}" +
        (Refused > 0 ? $"; PostgreSQL refused {Refused} connections (too many clients)" : "");
}
