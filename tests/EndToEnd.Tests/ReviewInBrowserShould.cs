using Microsoft.Playwright;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

using static Photocollect.EndToEnd.Tests.Steps;

namespace Photocollect.EndToEnd.Tests;

/// <summary>
/// The reviewer on a laptop (1366×800): the home with the queue and today's counts, the queue with thumbnails, an
/// order with its marks in Chinese and in English, the keyboard (a key typed in the note does nothing; A approves
/// and the next order opens; J skips), and the batch approval of what passed everything. Screenshots review-NN-*.png.
/// </summary>
public sealed class ReviewInBrowserShould(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ReviewWithTheKeyboardAndApproveWhatPassedEverythingInOneGo()
    {
        var app = fixture.App;
        var school = fixture.BaseUrl + "/s/beifang";
        // Waiting, oldest first: one whose head is too small (drawn on the upload), a freshman's, two that passed everything.
        var marked = await app.PendingAsync(AppFactory.A);
        await app.SetPhotoAsync(AppFactory.A, marked, passed: false, samePerson: true, score: 0.68, failing: "face_size", failingKey: "Check.face_size.small");
        var freshman = await app.PendingAsync(AppFactory.A, CampaignKind.Freshman);
        var easy = new[] { await app.PendingAsync(AppFactory.A), await app.PendingAsync(AppFactory.A) };
        foreach (var order in easy)
        {
            await app.SetPhotoAsync(AppFactory.A, order, passed: true, samePerson: true, score: 0.77);
        }

        await using var laptop = await fixture.LaptopAsync();
        var page = await laptop.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await StaffSignIn(page, school, DemoSeeder.StaffEmail(AppFactory.A, "reviewer"));
        Assert.Equal("4", await page.InnerTextAsync("[data-test=waiting]"));
        await fixture.ShotAsync(page, "review-01-home");

        // The queue: a thumbnail, the kind, the time left and the verdicts of each order.
        await Submit(page, "[data-test=to-review]", "[data-test=queue]");
        await ImagesAsync(page);
        Assert.Equal(4, await page.Locator("[data-test=thumb]").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => Array.from(document.querySelectorAll('[data-test=thumb]')).every(i => i.naturalWidth === 96)"));
        await fixture.ShotAsync(page, "review-02-queue");

        // The order whose check failed: the marks on the upload, the three photos, the checks failed first.
        await Submit(page, $"[data-number='{marked.Number}'] [data-test=open-order]", "[data-test=review-order]");
        await ImagesAsync(page);
        Assert.Equal("face_size", await page.GetAttributeAsync("[data-test=check] >> nth=0", "data-check"));
        await fixture.ShotAsync(page, "review-03-order-zh");
        await Submit(page, ".lang", "html[lang=en]");
        await ImagesAsync(page);
        await fixture.ShotAsync(page, "review-04-order-en");
        await Submit(page, ".lang", "html[lang=zh-CN]");

        // A key typed in the note is text, not a shortcut; Esc leaves the field; R goes to the reasons; A approves.
        await page.FocusAsync("[data-test=note]");
        await page.Keyboard.TypeAsync("a");
        Assert.Equal("a", await page.InputValueAsync("[data-test=note]"));
        Assert.Equal(OrderStatus.PendingReview, await app.StatusAsync(AppFactory.A, marked.Id));
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("r");
        Assert.Equal("Reason", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("a");
        await page.Locator($"[data-test=review-order][data-number='{freshman.Number}']").WaitForAsync();
        Assert.Contains(marked.Number, await page.InnerTextAsync(".alert.info"), StringComparison.Ordinal);
        Assert.Equal(OrderStatus.PendingProduction, await app.StatusAsync(AppFactory.A, marked.Id));

        // The freshman's order says so, with no empty parentheses; J goes on without deciding.
        await ImagesAsync(page);
        Assert.Equal("新生照片", await page.InnerTextAsync("[data-test=order-kind]"));
        Assert.DoesNotContain("（）", await page.InnerTextAsync("[data-test=student-name]"), StringComparison.Ordinal);
        await fixture.ShotAsync(page, "review-05-freshman");
        await page.Keyboard.PressAsync("j");
        await page.Locator($"[data-test=review-order][data-number='{easy[0].Number}']").WaitForAsync();
        Assert.Equal(OrderStatus.PendingReview, await app.StatusAsync(AppFactory.A, freshman.Id));

        // Back in the queue, every order that passed everything in one go.
        await Open(page, school + "/staff/review", "[data-test=queue]");
        await page.CheckAsync("[data-test=select-all]");
        Assert.Equal(3, await page.Locator("[data-test=select]:checked").CountAsync());
        await Submit(page, "[data-test=batch-approve]", ".alert.info");
        Assert.Equal("已批量通过 3 单，已短信通知学生。", await page.InnerTextAsync(".alert.info"));
        Assert.Equal(0, await page.Locator("[data-test=queue-item]").CountAsync());
        await fixture.ShotAsync(page, "review-06-batch-approved");

        await Open(page, school + "/staff", "[data-test=review-day]");
        Assert.Equal("4 / 0", await page.InnerTextAsync("[data-test=mine]"));
        await fixture.ShotAsync(page, "review-07-home-after");
    }

    // Waits until every image of the page has loaded (the screenshots show them).
    private static async Task ImagesAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)");
}
