using Microsoft.Extensions.DependencyInjection;
using Photocollect.Data;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>
/// Freshmen (新生照片上传) a test puts on the first demo school's roster, as many as it needs (the demo has three), and
/// one taken through the real freshman pages to an order.
/// </summary>
public static class Freshmen
{
    private static int next = Random.Shared.Next(0, 500_000);

    /// <summary>A new roster freshman of the first demo school, inside its scope: number (2029 and six digits), name, ID last four.</summary>
    public static async Task<(string Number, string Name, string IdLastFour)> NewAsync(IServiceProvider sp)
    {
        var number = $"2029{Interlocked.Increment(ref next) % 1_000_000:000000}";
        var entry = new RosterEntry
        {
            StudentNumber = number,
            Name = "新生" + number[^4..],
            IdLastFour = number[^4..],
            Level = "本科",
            College = "计算机学院",
            Major = "软件工程",
        };
        var db = sp.GetRequiredService<AppDbContext>();
        db.Roster.Add(entry);
        await db.SaveChangesAsync();
        return (entry.StudentNumber, entry.Name, entry.IdLastFour);
    }

    /// <summary>
    /// A student signed in with <paramref name="phone"/> at the first demo school, verified as a new freshman on the
    /// /freshman form, standards read, a good photo submitted; the order paid in the Sandbox when asked.
    /// </summary>
    public static async Task<(HttpClient Browser, string OrderUrl, string Name, string Number)> FreshmanOrderAsync(this AppFactory app, string phone, bool pay)
    {
        const string Base = "/s/beifang";
        var browser = await app.StudentAsync(AppFactory.A, phone);
        var (number, name, lastFour) = await app.InSchoolAsync(AppFactory.A, NewAsync);
        var (_, form) = await Html.GetAsync(browser, Base + "/freshman");
        var verified = await Html.SubmitAsync(browser, form, "[data-test=verify-freshman]",
            new Dictionary<string, string?> { ["Name"] = name, ["StudentNumber"] = number, ["IdLastFour"] = lastFour });
        Assert.Equal(Base + "/freshman/standards", verified.Headers.Location?.OriginalString);
        var (_, standards) = await Html.GetAsync(browser, Base + "/freshman/standards");
        await Html.SubmitAsync(browser, standards, "[data-test=to-camera]", new Dictionary<string, string?> { ["Understood"] = "true", ["FaceConsent"] = "true" });
        var orderUrl = await Journeys.SubmitPhotoAsync(browser, Faces.GoodPhoto(), "/freshman");
        if (pay)
        {
            await Journeys.PayInSandboxAsync(browser, orderUrl);
        }

        return (browser, orderUrl, name, number);
    }
}
