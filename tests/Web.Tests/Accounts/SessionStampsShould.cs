using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Photocollect.Accounts;
using Photocollect.Data;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Accounts;

/// <summary>
/// A session's stamp is read once for the requests of the account that arrive together when it is due, not once each:
/// a crowd whose stamps ran out together once made the connection pool open dozens of connections in one instant.
/// </summary>
public sealed partial class SessionStampsShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ReadAnAccountsStampOnceForTheRequestsThatArriveTogether()
    {
        var phone = AppFactory.NewPhone();
        var browser = await app.StudentAsync(AppFactory.A, phone);
        var id = await app.InSchoolAsync(AppFactory.A, async sp =>
            (await sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(phone))!.Id);
        app.Services.GetRequiredService<IMemoryCache>().Remove(SessionStamps.Key(id));  // as when its time is up
        // Reads of the accounts wait behind a lock until every request has come to its stamp: each would have made
        // a read of its own, were they not shared.
        await using var holder = new NpgsqlConnection(app.ConnectionString);
        await holder.OpenAsync();
        await using var held = await holder.BeginTransactionAsync();
        const string LockUsers = """LOCK TABLE "AspNetUsers" IN ACCESS EXCLUSIVE MODE""";
        await using (var lockUsers = new NpgsqlCommand(LockUsers, holder, held))
        {
            await lockUsers.ExecuteNonQueryAsync();
        }

        IReadOnlyList<string> commands;
        using (app.Sql.Record())
        {
            var answers = Task.WhenAll(Enumerable.Range(0, 24).Select(_ => browser.GetAsync("/s/beifang/account")));
            await WaitForALockedReadAsync();
            await Task.Delay(TimeSpan.FromSeconds(1));  // the other requests come to the stamp meanwhile
            await held.CommitAsync();
            Assert.All(await answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
            commands = app.Sql.Commands;
        }

        Assert.Single(commands, c => StampRead().IsMatch(c));
    }

    private async Task WaitForALockedReadAsync()
    {
        await using var watch = new NpgsqlConnection(app.ConnectionString);
        await watch.OpenAsync();
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
            watch);
        var until = DateTime.UtcNow.AddSeconds(30);
        while ((long)(await waiting.ExecuteScalarAsync())! == 0)
        {
            Assert.True(DateTime.UtcNow < until, "no request came to read a stamp within 30 s");
            await Task.Delay(20);
        }
    }

    // The validator's own query: the stamp alone, by id.
    [GeneratedRegex("""^SELECT \w+\."SecurityStamp"\s+FROM "AspNetUsers" """)]
    private static partial Regex StampRead();
}
