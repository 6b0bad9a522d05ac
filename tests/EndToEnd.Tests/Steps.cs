using Microsoft.Playwright;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.EndToEnd.Tests;

/// <summary>What every browser test does the same way: open a page, submit a form, sign in as staff.</summary>
public static class Steps
{
    /// <summary>Goes to a URL and waits until <paramref name="expect"/> is on the page.</summary>
    public static async Task Open(IPage page, string url, string expect)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator(expect).First.WaitForAsync();
    }

    /// <summary>Submits a form by its button and waits until <paramref name="expect"/>, found only on the answer, is there.</summary>
    public static async Task Submit(IPage page, string button, string expect)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ClickAsync(button);
        await page.Locator(expect).First.WaitForAsync();
    }

    /// <summary>Signs in on a school's staff login page (demo password) and waits for the staff home.</summary>
    public static async Task StaffSignIn(IPage page, string school, string email)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Open(page, school + "/staff/login", "[data-test=staff-login]");
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", AppFactory.Password);
        await Submit(page, "[data-test=staff-login]", "[data-test=roles]");
    }
}
