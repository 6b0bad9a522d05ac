using System.Globalization;
using AngleSharp.Html.Dom;
using Photocollect.BenchKit;

namespace Photocollect.QueueBench;

/// <summary>
/// The photographer at a session's station (photographer@nanhu.demo, staff cookie): the queue QR's current ticket
/// (what the station's QR holds) and 叫号, the station page's Call form with the number it showed and its
/// anti-forgery token, as the tablet sends it.
/// </summary>
public sealed class Photographer(StaffBrowser browser, DemoSchool school)
{
    /// <summary>A fresh ticket for the session: the QR's text.</summary>
    public async Task<string> TicketAsync(Guid session, int instance, CancellationToken cancellationToken)
    {
        var answer = await browser.MustAsync(instance, "station GET ticket", HttpMethod.Get, $"{school.Pages}/staff/api/offline/sessions/{session}/ticket",
            null, null, cancellationToken);
        return answer.Json.GetProperty("ticket").GetString() ?? throw new InvalidOperationException("no ticket");
    }

    /// <summary>Opens the station page (which reads the queue, so its grain is active from then on); the number it shows
    /// as called.</summary>
    public async Task<int> OpenAsync(Guid session, int instance, CancellationToken cancellationToken) =>
        Shown(await StationAsync(session, instance, cancellationToken));

    /// <summary>
    /// 叫号: opens the station, then sends its Call form. <c>Sent</c> and <c>Done</c> are when the form went and when
    /// its redirect came back; <c>Called</c> the number it calls (the one after the one shown, nobody having missed).
    /// </summary>
    public async Task<(TimeSpan Sent, TimeSpan Done, int Called)> CallAsync(Traffic traffic, Guid session, int instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        var page = await StationAsync(session, instance, cancellationToken);
        var form = page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .FirstOrDefault(f => f.GetAttribute("action")?.Contains("handler=Call", StringComparison.Ordinal) == true)
            ?? throw new InvalidOperationException("the station has no Call form");
        var shown = form.QuerySelector("input[name=Shown]")?.GetAttribute("value") ?? throw new InvalidOperationException("Call form without Shown");
        var body = HtmlForms.Form(("Shown", shown), ("__RequestVerificationToken", HtmlForms.Token(page)));
        var sent = traffic.Now;
        await browser.MustAsync(instance, "station POST Call", HttpMethod.Post, form.GetAttribute("action")!, body,
            a => a.Status == 302 ? null : HtmlForms.PageError(a) ?? "no redirect", cancellationToken);
        return (sent, traffic.Now, int.Parse(shown, CultureInfo.InvariantCulture) + 1);
    }

    private async Task<IHtmlDocument> StationAsync(Guid session, int instance, CancellationToken cancellationToken) =>
        browser.Parse(await browser.MustAsync(instance, "station GET page", HttpMethod.Get, $"{school.Pages}/staff/offline/{session}", null, null, cancellationToken));

    private static int Shown(IHtmlDocument page) =>
        int.Parse(page.QuerySelector("[data-test=station-board]")?.GetAttribute("data-called") ?? throw new InvalidOperationException("no board on the station"),
            CultureInfo.InvariantCulture);
}
