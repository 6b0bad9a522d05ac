using Microsoft.EntityFrameworkCore;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection.Registry;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>The student's online collection through the real pages and forms, on the demo school's open campaign.</summary>
public sealed class OnlineCollectionShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = "/s/beifang";
    [Fact]
    public async Task TakeAStudentFromCodeToAPaidOrderWaitingForReview()
    {
        var browser = await app.StudentAsync(AppFactory.A, AppFactory.NewPhone());
        var code = await app.NewStudentCodeAsync();

        // The code from a screenshot.
        var (_, collect) = await Html.GetAsync(browser, Base + "/collect");
        var read = await Html.UploadAsync(browser, collect, "form[data-upload]", "Picture", "code.png", Codes.Screenshot(code), "image/png");
        Assert.Equal(Base + "/collect/verify", read.Headers.Location?.OriginalString);

        // The record, masked, and the feature code.
        var (_, verify) = await Html.GetAsync(browser, Base + "/collect/verify");
        Assert.Matches(@"^\d{3}\*{11}[\dX]{4}$", verify.Text("[data-test=record-id]"));
        var wrong = await Html.ParseAsync(await Html.SubmitAsync(browser, verify, "[data-test=verify-record]", new Dictionary<string, string?> { ["FeatureCode"] = "nope00" }));
        Assert.Contains("4", wrong.Text(".alert.error"), StringComparison.Ordinal);
        var verified = await Html.SubmitAsync(browser, wrong, "[data-test=verify-record]", new Dictionary<string, string?> { ["FeatureCode"] = "sv8s65" });
        Assert.Equal(Base + "/collect/standards", verified.Headers.Location?.OriginalString);

        // The standard must be ticked.
        var (_, standards) = await Html.GetAsync(browser, Base + "/collect/standards");
        var unticked = await Html.ParseAsync(await Html.SubmitAsync(browser, standards, "[data-test=to-camera]"));
        Assert.NotNull(unticked.QuerySelector(".alert.error"));
        // The face image needs its own consent: declined, no camera, and the page says what else the student can do.
        var declined = await Html.SubmitAsync(browser, standards, "[data-test=to-camera]", new Dictionary<string, string?> { ["Understood"] = "true" });
        Assert.Equal(System.Net.HttpStatusCode.OK, declined.StatusCode);
        Assert.NotNull((await Html.ParseAsync(declined)).QuerySelector("[data-test=consent-declined]"));
        var ticked = await Html.SubmitAsync(browser, standards, "[data-test=to-camera]", new Dictionary<string, string?> { ["Understood"] = "true", ["FaceConsent"] = "true" });
        Assert.Equal(Base + "/collect/capture", ticked.Headers.Location?.OriginalString);

        // A photo showing teeth fails on mouth_closed and offers a reshoot.
        var (_, capture) = await Html.GetAsync(browser, Base + "/collect/capture");
        var failed = await Html.UploadAsync(browser, capture, "form[data-upload]", "Photo", "teeth.jpg", Faces.TeethPhoto());
        var (_, failedResult) = await Html.GetAsync(browser, failed.Headers.Location!.OriginalString);
        Assert.NotNull(failedResult.QuerySelector("[data-check=mouth_closed]"));
        Assert.NotNull(failedResult.QuerySelector("[data-test=reshoot]"));

        // A good photo passes and shows its standard photo.
        var passed = await Html.UploadAsync(browser, capture, "form[data-upload]", "Photo", "good.jpg", Faces.GoodPhoto());
        var resultUrl = passed.Headers.Location!.OriginalString;
        var (_, result) = await Html.GetAsync(browser, resultUrl);
        Assert.NotNull(result.QuerySelector("[data-test=check-passed]"));
        var standard = await browser.GetAsync(result.QuerySelector("[data-test=standard-preview]")!.GetAttribute("src"));
        Assert.Equal("image/jpeg", standard.Content.Headers.ContentType?.MediaType);

        // Submitting twice (a double tap) makes one order.
        var first = await Html.SubmitAsync(browser, result, "[data-test=submit-photo]", new Dictionary<string, string?> { ["Confirmed"] = "true" });
        var second = await Html.SubmitAsync(browser, result, "[data-test=submit-photo]", new Dictionary<string, string?> { ["Confirmed"] = "true" });
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        var orderUrl = first.Headers.Location!.OriginalString;

        var (_, order) = await Html.GetAsync(browser, orderUrl);
        Assert.Equal("PendingPayment", order.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));
        Assert.StartsWith("100001-", order.Text("[data-test=order-number]"), StringComparison.Ordinal);

        // Pay in the Sandbox.
        var toCashier = await Html.SubmitAsync(browser, order, "[data-test=pay]");
        var (_, cashier) = await Html.GetAsync(browser, toCashier.Headers.Location!.OriginalString);
        Assert.Equal("¥30.00", cashier.Text("[data-test=amount]"));
        var back = await Html.SubmitAsync(browser, cashier, "[data-test=sandbox-pay]");
        Assert.Equal(orderUrl, back.Headers.Location?.OriginalString);
        var (_, paid) = await Html.GetAsync(browser, orderUrl);
        Assert.Equal("PendingReview", paid.QuerySelector("[data-test=order-card]")?.GetAttribute("data-status"));

        // The back button to the cashier: nothing to pay twice.
        var (_, again) = await Html.GetAsync(browser, toCashier.Headers.Location!.OriginalString);
        Assert.Null(again.QuerySelector("[data-test=sandbox-pay]"));
        var (_, orders) = await Html.GetAsync(browser, Base + "/orders");
        Assert.Single(orders.QuerySelectorAll("[data-test=order]"));
    }

    [Fact]
    public async Task ShowAnotherStudentsOrderAndPhotoToNobody()
    {
        var owner = await app.StudentAsync(AppFactory.A, AppFactory.NewPhone());
        var code = await app.NewStudentCodeAsync();
        var (_, collect) = await Html.GetAsync(owner, Base + "/collect");
        await Html.UploadAsync(owner, collect, "form[data-upload]", "Picture", "code.png", Codes.Screenshot(code), "image/png");
        var (_, verify) = await Html.GetAsync(owner, Base + "/collect/verify");
        await Html.SubmitAsync(owner, verify, "[data-test=verify-record]", new Dictionary<string, string?> { ["FeatureCode"] = "sv8s65" });
        var (_, standards) = await Html.GetAsync(owner, Base + "/collect/standards");
        await Html.SubmitAsync(owner, standards, "[data-test=to-camera]", new Dictionary<string, string?> { ["Understood"] = "true", ["FaceConsent"] = "true" });
        var (_, capture) = await Html.GetAsync(owner, Base + "/collect/capture");
        var uploaded = await Html.UploadAsync(owner, capture, "form[data-upload]", "Photo", "good.jpg", Faces.GoodPhoto());
        var resultUrl = uploaded.Headers.Location!.OriginalString;
        var (_, result) = await Html.GetAsync(owner, resultUrl);
        var orderUrl = (await Html.SubmitAsync(owner, result, "[data-test=submit-photo]", new Dictionary<string, string?> { ["Confirmed"] = "true" })).Headers.Location!.OriginalString;
        var photoUrl = result.QuerySelector("[data-test=standard-preview]")!.GetAttribute("src")!;

        var other = await app.StudentAsync(AppFactory.A, AppFactory.NewPhone());
        var otherSchool = await app.StudentAsync(AppFactory.B, AppFactory.NewPhone());

        foreach (var url in new[] { orderUrl, photoUrl, resultUrl })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await otherSchool.GetAsync(url.Replace("/s/beifang/", "/s/nanhu/", StringComparison.Ordinal))).StatusCode);
        }
    }

    [Fact]
    public async Task RefuseAFileThatIsNotAnImage()
    {
        var browser = await app.StudentAsync(AppFactory.A, AppFactory.NewPhone());
        var (_, collect) = await Html.GetAsync(browser, Base + "/collect");

        var page = await Html.ParseAsync(await Html.UploadAsync(browser, collect, "form[data-upload]", "Picture", "notes.txt", "hello"u8.ToArray(), "text/plain"));

        Assert.Contains("JPG", page.Text(".alert.error"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(15 * 1024 * 1024 + 1)]  // just over the limit
    [InlineData(40 * 1024 * 1024)]  // far over: the request itself is cut short
    public async Task RefuseAnOversizedPhotoWithTheLimitAndKeepNothing(int size)
    {
        var browser = await app.ReadyToShootAsync();
        var (_, capture) = await Html.GetAsync(browser, Base + "/collect/capture");
        var huge = new byte[size];
        Faces.GoodPhoto().CopyTo(huge, 0);

        var response = await Html.UploadAsync(browser, capture, "form[data-upload]", "Photo", "huge.jpg", huge);
        var page = await Html.ParseAsync(response);

        Assert.True(page.Text(".alert.error")?.Contains("15", StringComparison.Ordinal), $"{(int)response.StatusCode} {page.Text("main")}");
        Assert.NotNull(page.QuerySelector("form[data-upload]"));  // the student can pick a smaller file at once
        Assert.Equal(0, await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<Photocollect.Data.AppDbContext>().PhotoFiles.CountAsync(f => f.Source!.Length > 15 * 1024 * 1024)));
        var files = Directory.Exists(app.UploadsPath) ? Directory.GetFiles(app.UploadsPath, "*", SearchOption.AllDirectories) : [];
        Assert.DoesNotContain(files, f => new FileInfo(f).Length > 15 * 1024 * 1024);
    }

    [Fact]
    public async Task AcceptACodeFromTheSimulatorPageTypedAsText()
    {
        var browser = await app.StudentAsync(AppFactory.A, AppFactory.NewPhone());
        var (_, codes) = await Html.GetAsync(browser, Base + "/dev/codes");
        var code = codes.QuerySelectorAll("[data-code]")[9].TextContent.Trim();
        var (_, collect) = await Html.GetAsync(browser, Base + "/collect");

        var read = await Html.SubmitAsync(browser, collect, "[data-test=submit-code-text]", new Dictionary<string, string?> { ["CodeText"] = code });
        var (_, verify) = await Html.GetAsync(browser, Base + "/collect/verify");

        Assert.Equal(Base + "/collect/verify", read.Headers.Location?.OriginalString);
        Assert.Equal(DemoSeeder.DemoStudents[9].Name, verify.Text("[data-test=record-name]"));
    }

    private Task<string> IssueAsync(int student) => app.InSchoolAsync(AppFactory.A, sp =>
        Task.FromResult(sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode("100001", DemoSeeder.DemoStudentNumber(student))));
}
