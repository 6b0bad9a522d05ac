using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Photocollect.Data;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>
/// The SQL the app sends, while a test records it (<see cref="Record"/>): an EF command interceptor on the test app's
/// <see cref="AppDbContext"/>. Lets a test say what pages read, e.g. that none of them selects photo bytes.
/// </summary>
public sealed class SqlLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> commands = new();
    private volatile bool recording;

    /// <summary>Starts recording afresh; recording stops when the returned scope is disposed.</summary>
    public IDisposable Record()
    {
        commands.Clear();
        recording = true;
        return new Stop(this);
    }

    /// <summary>The commands recorded.</summary>
    public IReadOnlyList<string> Commands => commands.ToArray();

    /// <summary>The <c>bytea</c> columns of the model as they appear in a query (<c>."Source"</c>).</summary>
    public static IReadOnlyList<string> ByteColumns(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        // A school API key's and an invite's hashes are bytes too, 32 of them: not files.
        return db.Model.GetEntityTypes().Where(e => e.ClrType != typeof(SchoolApiKey) && e.ClrType != typeof(StaffInvite))
            .SelectMany(e => e.GetProperties().Where(p => p.ClrType == typeof(byte[])).Select(p => $".\"{p.GetColumnName()}\""))
            .Distinct().ToList();
    }

    /// <inheritdoc />
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Add(command);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }

    private void Add(DbCommand command)
    {
        if (recording)
        {
            commands.Enqueue(command.CommandText);
        }
    }

    private sealed class Stop(SqlLog log) : IDisposable
    {
        public void Dispose() => log.recording = false;
    }
}
