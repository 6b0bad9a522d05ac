using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
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
        var id = await app.InSchoolAsync(AppFactory.A, async sp => (await sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(phone))!.Id);
        app.Services.GetRequiredService<IMemoryCache>().Remove(SessionStamps.Key(id));  // as when its time is up

        IReadOnlyList<string> commands;
        using (app.Sql.Record())
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => browser.GetAsync("/s/beifang/account")));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
            commands = app.Sql.Commands;
        }

        Assert.Single(commands, c => StampRead().IsMatch(c));
    }

    // The validator's own query: the stamp alone, by id.
    [GeneratedRegex("""^SELECT \w+\."SecurityStamp"\s+FROM "AspNetUsers" """, RegexOptions.CultureInvariant)]
    private static partial Regex StampRead();
}
