using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Data;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>A session of one school (or the platform) asking for another's pages and data gets 403/404, never data.</summary>
public sealed class CrossTenantShould(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string A = AppFactory.A;
    private static readonly string B = AppFactory.B;

    [Theory]
    [InlineData("/orders")]
    [InlineData("/account")]
    [InlineData("/collect")]
    [InlineData("/reprints")]
    [InlineData("/staff")]
    [InlineData("/staff/security")]
    public async Task ForbidAStudentOfOneSchoolEveryPageOfAnother(string path)
    {
        var student = await StudentOfAAsync();

        var response = await student.GetAsync($"/s/{B}{path}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("无权访问", (await Html.ParseAsync(response)).Text("[data-test=status-403]"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForbidTheSameSchoolPagesWhenReachedByAnotherSchoolsHost()
    {
        var student = await StudentOfAAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Host = $"{B}.localhost";

        Assert.Equal(HttpStatusCode.Forbidden, (await student.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task ShowAnotherSchoolsHomeAsToANewUser()
    {
        var student = await StudentOfAAsync();

        var (_, home) = await Html.GetAsync(student, $"/s/{B}/");

        Assert.Equal(["upload-code", "offline", "freshman"], home.QuerySelectorAll(".tiles a").Select(a => a.GetAttribute("data-test")));
    }

    [Theory]
    [InlineData("/staff")]
    [InlineData("/staff/security")]
    [InlineData("/orders")]
    public async Task ForbidStaffOfOneSchoolTheOtherSchool(string path)
    {
        var staff = await StaffAsync(A, DemoSeeder.StaffEmail(A, "admin"));

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync($"/s/{B}{path}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task ForbidAStudentTheStaffPagesOfTheirOwnSchool()
    {
        var student = await StudentOfAAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await student.GetAsync($"/s/{A}/staff")).StatusCode);
    }

    [Fact]
    public async Task ForbidTheOperatorSchoolPagesWithoutASchoolRole()
    {
        var op = await StaffAsync(null, DemoSeeder.OperatorEmail);

        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync($"/s/{A}/staff")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await op.GetAsync($"/s/{A}/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await op.GetAsync("/staff")).StatusCode);
    }

    [Fact]
    public async Task ShowOneSchoolsOutboxWithoutTheOthersMessages()
    {
        var phoneA = AppFactory.NewPhone();
        var phoneB = AppFactory.NewPhone();
        await app.InSchoolAsync(A, sp => AddAsync(sp, phoneA));
        await app.InSchoolAsync(B, sp => AddAsync(sp, phoneB));

        var (_, outboxB) = await Html.GetAsync(app.Browser(), $"/s/{B}/dev/sms");

        Assert.NotNull(outboxB.QuerySelector($"tr[data-phone='{phoneB}']"));
        Assert.Null(outboxB.QuerySelector($"tr[data-phone='{phoneA}']"));
    }

    private async Task<HttpClient> StudentOfAAsync()
    {
        var browser = await app.StudentAsync(A, AppFactory.NewPhone());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/s/{A}/account")).StatusCode);
        return browser;
    }

    private Task<HttpClient> StaffAsync(string? slug, string email) => app.StaffAsync(slug, email);

    private static async Task AddAsync(IServiceProvider sp, string phone)
    {
        var db = sp.GetRequiredService<AppDbContext>();
        db.SmsOutbox.Add(new SmsOutboxMessage { Id = Guid.NewGuid(), Phone = phone, Text = "x", CreatedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }
}
