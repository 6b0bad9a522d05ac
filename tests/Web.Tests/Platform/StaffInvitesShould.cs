using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Accounts.Invites;
using Photocollect.Data;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Platform;

/// <summary>
/// A school admin's invite link: replaced by a newer one, it opens nothing; after 72 hours it has expired; two tabs
/// submitting one link make one account. A class of its own: it moves the app's clock.
/// </summary>
public sealed class StaffInvitesShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Email = "head@nanhu.edu.cn";
    private const string Password = "Nanhu-2026-pass";

    [Fact]
    public async Task RefuseAReplacedOrExpiredLinkAndMakeOneAccountFromTwoTabs()
    {
        var op = await app.StaffAsync(null, DemoSeeder.OperatorEmail);
        var nanhu = await app.SchoolAsync(AppFactory.B);
        var first = await NewLinkAsync(op, nanhu.Id);
        var second = await NewLinkAsync(op, nanhu.Id);
        var admin = app.Browser();
        Assert.Equal("Revoked", await StateAsync(admin, first));
        var (_, school) = await Html.GetAsync(op, $"/staff/platform/schools/{nanhu.Id}");
        Assert.Equal(["Open", "Revoked"], school.QuerySelectorAll("[data-test=invite]").Select(r => r.GetAttribute("data-state")));

        // 72 hours later the link has expired, on the page and on a form sent from before.
        var (_, form) = await Html.GetAsync(admin, second);
        app.Clock.Advance(StaffInvites.Lifetime + TimeSpan.FromMinutes(1));
        Assert.Equal("Expired", await StateAsync(admin, second));
        var late = await Html.ParseAsync(await Html.SubmitAsync(admin, form, "[data-test=accept-invite]",
            new Dictionary<string, string?> { ["DisplayName"] = "李主任", ["Password"] = Password, ["Confirm"] = Password }));
        Assert.Equal("Expired", late.QuerySelector("[data-test=invite-state]")?.GetAttribute("data-state"));
        Assert.False(await AccountExistsAsync());

        // A new link, submitted from two tabs at once: one account, and the other tab is told the link was used.
        var third = await NewLinkAsync(op, nanhu.Id);
        var tabs = new[] { app.Browser(), app.Browser() };
        var forms = await Task.WhenAll(tabs.Select(async t => (await Html.GetAsync(t, third)).Document));
        var answers = await Task.WhenAll(tabs.Select(async (t, i) => await Html.ParseAsync(await Html.SubmitAsync(t, forms[i], "[data-test=accept-invite]",
            new Dictionary<string, string?> { ["DisplayName"] = "李主任", ["Password"] = Password, ["Confirm"] = Password }))));
        Assert.Equal(1, answers.Count(a => a.QuerySelector("[data-test=invite-done]") is not null));
        Assert.Equal(1, answers.Count(a => a.QuerySelector("[data-test=invite-state]")?.GetAttribute("data-state") == "Used"));
        Assert.True(await AccountExistsAsync());
        var signedIn = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await Sessions.StaffSignInAsync(signedIn, AppFactory.B, Email, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/s/nanhu/staff/campaign")).StatusCode);  // a school admin
    }

    private static async Task<string> NewLinkAsync(HttpClient op, Guid school)
    {
        var (_, page) = await Html.GetAsync(op, $"/staff/platform/schools/{school}");
        var made = await Html.ParseAsync(await Html.SubmitAsync(op, page, "[data-test=new-invite]", new Dictionary<string, string?> { ["InviteEmail"] = Email }));
        var link = made.Text("[data-test=invite-link]") ?? throw new InvalidOperationException(made.Text("main"));
        return new Uri(link).PathAndQuery;
    }

    private static async Task<string?> StateAsync(HttpClient browser, string path) =>
        (await Html.GetAsync(browser, path)).Document.QuerySelector("[data-test=invite-state]")?.GetAttribute("data-state");

    private Task<bool> AccountExistsAsync() => app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().Users.AnyAsync(u => u.UserName == Email));
}
