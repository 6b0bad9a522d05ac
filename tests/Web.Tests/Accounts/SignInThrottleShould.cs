using System.Net;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Accounts;

/// <summary>
/// Password guessing is slowed per client address, never by locking the account: someone else's failures do not stop
/// the owner, an address guessing many accounts is stopped, and an unknown e-mail is answered exactly as a known one.
/// Addresses come from X-Forwarded-For through a trusted proxy (127.0.0.1 here).
/// </summary>
public sealed class SignInThrottleShould(BehindAProxyAppFactory app) : IClassFixture<BehindAProxyAppFactory>
{
    private const string School = "nanhu";

    [Fact]
    public async Task LetTheOwnerSignInWhileSomeoneElseIsRefusedForGuessing()
    {
        var email = DemoSeeder.StaffEmail(School, "photographer");
        var attacker = Address();
        var messages = new List<string?>();
        for (var i = 0; i < 6; i++)
        {
            messages.Add(await MessageAsync(app.BrowserAt(attacker), email, "wrong-password-" + i));
        }

        var owner = await SignInAsync(app.BrowserAt(Address()), email, AppFactory.Password);
        var attackerWithThePassword = await MessageAsync(app.BrowserAt(attacker), email, AppFactory.Password);

        Assert.All(messages.Take(5), m => Assert.Equal("邮箱或密码不正确。", m));
        Assert.Contains("分钟后再试", messages[5], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);  // signed in: the account was never locked
        Assert.Contains("分钟后再试", attackerWithThePassword, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswerAnUnknownEmailExactlyAsAKnownOne()
    {
        var known = new List<string?>();
        var unknown = new List<string?>();
        var (fromA, fromB) = (Address(), Address());
        var nobody = $"nobody-{Guid.NewGuid():N}@nanhu.demo";
        for (var i = 0; i < 7; i++)
        {
            known.Add(await MessageAsync(app.BrowserAt(fromA), DemoSeeder.StaffEmail(School, "reviewer"), "wrong-password-" + i));
            unknown.Add(await MessageAsync(app.BrowserAt(fromB), nobody, "wrong-password-" + i));
        }

        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task StopAnAddressThatGuessesManyAccounts()
    {
        var sprayer = Address();
        for (var i = 0; i < 20; i++)
        {
            await MessageAsync(app.BrowserAt(sprayer), $"guess-{i}@nanhu.demo", "Password-123");
        }

        var refused = await MessageAsync(app.BrowserAt(sprayer), DemoSeeder.StaffEmail(School, "admin"), AppFactory.Password);
        var elsewhere = await SignInAsync(app.BrowserAt(Address()), DemoSeeder.StaffEmail(School, "admin"), AppFactory.Password);

        Assert.Contains("分钟后再试", refused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
    }

    private static string Address() => $"198.51.{Random.Shared.Next(0, 255)}.{Random.Shared.Next(1, 255)}";

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password) =>
        Sessions.StaffSignInAsync(browser, School, email, password);

    private static async Task<string?> MessageAsync(HttpClient browser, string email, string password) =>
        (await Html.ParseAsync(await SignInAsync(browser, email, password))).Text(".alert.error");
}
