using System.Text.RegularExpressions;
using Npgsql;

namespace Photocollect.BenchKit;

/// <summary>
/// What a bench reads from the database itself, never counted as the product's traffic: the SMS codes the dev
/// outbox "sent" (the student's phone), the school's id, and what the writes it was told about left behind. Its
/// own reads wait out a database that is down (no pooling, so no connection outlives a restart).
/// </summary>
public sealed partial class BenchDatabase(string connectionString)
{
    private readonly string connectionString = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, Timeout = 3 }.ConnectionString;

    /// <summary>The id of a school.</summary>
    public Task<Guid> SchoolIdAsync(string slug, CancellationToken cancellationToken) =>
        QueryAsync(async c =>
        {
            await using var command = new NpgsqlCommand("""SELECT "Id" FROM "Schools" WHERE "Slug" = @slug""", c);
            command.Parameters.AddWithValue("slug", slug);
            return (Guid)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);

    /// <summary>The code in the newest SMS to a phone, once at least <paramref name="sent"/> have reached the outbox.</summary>
    public async Task<string> SmsCodeAsync(string phone, int sent, CancellationToken cancellationToken)
    {
        for (var tries = 0; ; tries++)
        {
            var texts = await QueryAsync(async c =>
            {
                await using var command = new NpgsqlCommand("""SELECT "Text" FROM "SmsOutbox" WHERE "Phone" = @phone ORDER BY "CreatedAt" """, c);
                command.Parameters.AddWithValue("phone", phone);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                var all = new List<string>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    all.Add(reader.GetString(0));
                }

                return all;
            }, cancellationToken);
            if (texts.Count >= sent)
            {
                return Code().Match(texts[^1]) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No code in: " + texts[^1]);
            }

            if (tries > 100)
            {
                throw new InvalidOperationException($"SMS {sent} to {phone} never reached the outbox");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>One count.</summary>
    public Task<long> CountAsync(string sql, Guid[]? ids, CancellationToken cancellationToken) =>
        QueryAsync(async c =>
        {
            await using var command = new NpgsqlCommand(sql, c);
            if (ids is not null)
            {
                command.Parameters.AddWithValue("ids", ids);
            }

            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }, cancellationToken);

    /// <summary>A query of the bench's own on a new connection, retried while the database is down or restarting:
    /// these are the bench's reads, not the product's.</summary>
    public async Task<T> QueryAsync<T>(Func<NpgsqlConnection, Task<T>> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        for (var tries = 0; ; tries++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                return await query(connection);
            }
            catch (Exception e) when (e is NpgsqlException or IOException && tries < 300 && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(200, cancellationToken);
            }
        }
    }

    [GeneratedRegex("验证码为([0-9]{6})")]
    private static partial Regex Code();
}
