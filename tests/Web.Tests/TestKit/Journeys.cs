using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Accounts;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Collection.Registry;
using Photocollect.Web.Seeding;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>A student taken through the online collection by the real forms, for tests that start further on.</summary>
public static class Journeys
{
    private static int nextStudent;

    /// <summary>A signed-in student of the first demo school with a submitted photo; the order is paid when asked.</summary>
    public static async Task<(HttpClient Browser, string OrderUrl)> OrderAsync(this AppFactory app, bool pay)
    {
        var browser = await app.ReadyToShootAsync();
        var orderUrl = await SubmitPhotoAsync(browser, Faces.GoodPhoto());
        if (pay)
        {
            await PayInSandboxAsync(browser, orderUrl);
        }

        return (browser, orderUrl);
    }

    /// <summary>去支付 on the order page, then 确认支付 at the Sandbox's cashier.</summary>
    public static async Task PayInSandboxAsync(HttpClient browser, string orderUrl)
    {
        var (_, order) = await Html.GetAsync(browser, orderUrl);
        var toCashier = await Html.SubmitAsync(browser, order, "[data-test=pay]");
        var (_, cashier) = await Html.GetAsync(browser, toCashier.Headers.Location!.OriginalString);
        await Html.SubmitAsync(browser, cashier, "[data-test=sandbox-pay]");
    }

    /// <summary>A collection code of a demo student of the first demo school whom nobody has verified yet in this app.</summary>
    public static Task<string> NewStudentCodeAsync(this AppFactory app) => app.InSchoolAsync(AppFactory.A, async sp =>
        sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100001", await UnusedStudentNumberAsync(sp)));

    /// <summary>The number of a demo student nobody has verified yet in this school (a record, once made, stays with
    /// its phone), inside a school's scope.</summary>
    public static async Task<string> UnusedStudentNumberAsync(IServiceProvider sp)
    {
        var used = await sp.GetRequiredService<AppDbContext>().StudentRecords.Select(r => r.StudentNumber).ToListAsync();
        var start = Interlocked.Increment(ref nextStudent);
        return Enumerable.Range(start, DemoSeeder.DemoStudents.Count).Select(i => DemoSeeder.DemoStudentNumber(i % DemoSeeder.DemoStudents.Count))
            .FirstOrDefault(n => !used.Contains(n))
            ?? throw new InvalidOperationException($"All {DemoSeeder.DemoStudents.Count} demo students of this app have been verified: split the test class.");
    }

    /// <summary>A new student of the first demo school taken by the forms through code, verification and standards to the camera.</summary>
    public static async Task<HttpClient> ReadyToShootAsync(this AppFactory app)
    {
        var browser = await app.VerifiedAsync();
        var (_, standards) = await Html.GetAsync(browser, "/s/beifang/collect/standards");
        await Html.SubmitAsync(browser, standards, "[data-test=to-camera]", new Dictionary<string, string?> { ["Understood"] = "true", ["FaceConsent"] = "true" });
        return browser;
    }

    /// <summary>A new student of the first demo school taken by the forms through code and verification, at the standards step.</summary>
    public static async Task<HttpClient> VerifiedAsync(this AppFactory app)
    {
        const string Base = "/s/beifang";
        var browser = await app.StudentAsync(AppFactory.A, AppFactory.NewPhone());
        var code = await app.NewStudentCodeAsync();
        var (_, collect) = await Html.GetAsync(browser, Base + "/collect");
        await Html.UploadAsync(browser, collect, "form[data-upload]", "Picture", "code.png", Codes.Screenshot(code), "image/png");
        var (_, verify) = await Html.GetAsync(browser, Base + "/collect/verify");
        var verified = await Html.SubmitAsync(browser, verify, "[data-test=verify-record]", new Dictionary<string, string?> { ["FeatureCode"] = "sv8s65" });
        if (verified.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException("Verification refused: " + (await Html.ParseAsync(verified)).QuerySelector(".alert")?.TextContent.Trim());
        }

        return browser;
    }

    /// <summary>The collection flow, a new student account and the school's campaign of a kind, inside a school's scope.</summary>
    public static async Task<(CollectionFlow Flow, AppUser Account, Campaign Campaign)> NewStudentAsync(IServiceProvider sp, CampaignKind kind)
    {
        var flow = sp.GetRequiredService<CollectionFlow>();
        var account = await sp.GetRequiredService<StudentAccounts>().FindOrCreateAsync(AppFactory.NewPhone(), default);
        return (flow, account, (await flow.CampaignAsync(kind))!);
    }

    /// <summary>Uploads a photo on the capture page of a flow (<c>/collect</c> or <c>/freshman</c>) and submits it; the order's URL.</summary>
    public static async Task<string> SubmitPhotoAsync(HttpClient browser, byte[] photo, string flow = "/collect")
    {
        var (_, capture) = await Html.GetAsync(browser, "/s/beifang" + flow + "/capture");
        var uploaded = await Html.UploadAsync(browser, capture, "form[data-upload]", "Photo", "photo.jpg", photo);
        var (_, result) = await Html.GetAsync(browser, uploaded.Headers.Location!.OriginalString);
        var submitted = await Html.SubmitAsync(browser, result, "[data-test=submit-photo]", new Dictionary<string, string?> { ["Confirmed"] = "true" });
        return submitted.Headers.Location!.OriginalString;
    }
}
