using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Photocollect.Payments;
using Photocollect.Data;
using Photocollect.Web.Text;
using Photocollect.Web.Infrastructure;

namespace Photocollect.Web.Pages.Staff.Admin;

/// <summary>
/// The school's ledger (收支明细): payments received and refunds with their states, totals that add up, a CSV export in
/// the page's language, and refunds, full or partial, with a reason. A refund is asked for in two steps: the form shows
/// a confirmation (order, student, amount, reason) and only its button sends the refund, so one stray click refunds
/// nothing; both carry the refund's id, so a double click on the confirmation refunds once. No script is needed.
/// </summary>
[Authorize(Roles = Roles.SchoolAdmin)]
public sealed class PaymentsModel(Ledger ledger, RefundService refunds, SchoolUrls urls, Delivery.ExportLog log, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>First day shown (China date, yyyy-MM-dd), or empty for all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    /// <summary>Last day shown (China date, yyyy-MM-dd), or empty for all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>The payment to refund.</summary>
    [BindProperty]
    public Guid PaymentId { get; set; }

    /// <summary>The refund's id, made when the form was shown.</summary>
    [BindProperty]
    public Guid RequestId { get; set; }

    /// <summary>How much, yuan.</summary>
    [BindProperty]
    public string? Amount { get; set; }

    /// <summary>Why.</summary>
    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>Sent by the confirmation's button: only then is the refund asked for.</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    /// <summary>A refund waiting for its confirmation: the payment as the ledger shows it, how much (fen) and why.</summary>
    public (LedgerPayment Payment, long Fen, string Reason)? Confirmation { get; private set; }

    /// <summary>The ledger.</summary>
    public LedgerView View { get; private set; } = new([], [], [], 0);

    /// <summary>A problem with the period or a refund (resource key), and the payment it is about.</summary>
    public (string Key, Guid? PaymentId)? Problem { get; private set; }

    /// <summary>A message after a refund.</summary>
    [TempData]
    public string? Info { get; set; }

    /// <summary>Shows the ledger.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>The ledger as CSV (UTF-8 with a byte order mark, which spreadsheet programs need for Chinese), headers,
    /// kinds, providers and states in the page's language; times in China time, amounts in yuan with a point.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (!TryPeriod(out var from, out var to))
        {
            return BadRequest();
        }

        var view = await ledger.ReadAsync(from, to, cancellationToken);
        await log.RecordAsync(Requesters.Staff(HttpContext), "ledger-csv", $"{From}…{To}", view.Payments.Count + view.Refunds.Count, cancellationToken);
        var output = new MemoryStream();
        await using (var csv = CsvWriter.Create(output, new CsvWriterOptions { WriteByteOrderMark = true, NewLine = "\r\n" }, leaveOpen: true))
        {
            csv.WriteRecord([.. CsvColumns.Select(c => localizer["Ledger.Csv." + c].Value)]);
            var payment = localizer["Ledger.Csv.Payment"].Value;
            foreach (var p in view.Payments)
            {
                csv.WriteRecord(Row(payment, p.Payment.PaidAt, p.OrderNumber, p.Student, Provider(p.Payment.Provider), p.Payment.AmountFen, p.Payment.Currency,
                    localizer["PaymentState." + p.Payment.State].Value, p.Payment.ProviderReference, ""));
            }

            var refund = localizer["Ledger.Csv.Refund"].Value;
            foreach (var r in view.Refunds)
            {
                csv.WriteRecord(Row(refund, r.Refund.CreatedAt, r.OrderNumber, "", Provider(r.Provider), -r.Refund.AmountFen, r.Refund.Currency,
                    localizer[$"RefundState.{r.Refund.State}"].Value, r.Refund.ProviderReference, r.Refund.Reason));
            }
        }

        output.Position = 0;
        return File(output, "text/csv; charset=utf-8", $"ledger-{(string.IsNullOrWhiteSpace(From) ? "start" : From)}-{(string.IsNullOrWhiteSpace(To) ? "now" : To)}.csv");
    }

    /// <summary>
    /// A refund: first the confirmation (what would be refunded, or the problem beside the payment), then, sent by the
    /// confirmation's button, the refund itself.
    /// </summary>
    public async Task<IActionResult> OnPostRefundAsync(CancellationToken cancellationToken)
    {
        string? problem;
        if (!Formats.TryParseFen(Amount, out var fen) || fen == 0)
        {
            problem = "amount";
        }
        else if (!Confirmed)
        {
            problem = await refunds.CheckAsync(PaymentId, fen, Reason ?? "", cancellationToken);
            if (problem is null && await ledger.PaymentAsync(PaymentId, cancellationToken) is { } payment)
            {
                Confirmation = (payment, fen, Reason!.Trim());
                return Page();
            }

            problem ??= "not_paid";
        }
        else
        {
            var result = await refunds.RefundAsync(PaymentId, fen, Reason ?? "", User.Identity?.Name ?? "admin", urls.Of(Request), RequestId == Guid.Empty ? null : RequestId, cancellationToken);
            if (result.Refund is { } refund)
            {
                var order = (await ledger.PaymentAsync(refund.PaymentId, cancellationToken))?.OrderNumber ?? "";
                Info = localizer["Ledger.RefundAsked", Formats.Yuan(refund.AmountFen), order, localizer[$"RefundState.{refund.State}"].Value].Value;
                return RedirectToPage(new { From, To });
            }

            problem = result.Problem;
        }

        Problem = (problem == "amount" ? "Ledger.Error.Amount" : $"Ledger.Error.{problem}", PaymentId);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (!TryPeriod(out var from, out var to))
        {
            Problem = ("Ledger.Error.Period", null);
        }

        View = await ledger.ReadAsync(from, to, cancellationToken);
    }

    // China dates; "to" is inclusive, so the period ends at the start of the next day.
    private bool TryPeriod(out DateTimeOffset? from, out DateTimeOffset? to)
    {
        from = to = null;
        var ok = true;
        foreach (var (text, isEnd) in new[] { (From, false), (To, true) })
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                ok = false;
                continue;
            }

            // In UTC: PostgreSQL's timestamptz takes no other offset (Npgsql refuses +08:00 outright).
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)).ToUniversalTime();
            if (isEnd)
            {
                to = start.AddDays(1);
            }
            else
            {
                from = start;
            }
        }

        if (from > to)
        {
            (from, to, ok) = (null, null, false);
        }

        return ok;
    }

    // The export's columns, each named by Ledger.Csv.{column} in the page's language.
    private static readonly string[] CsvColumns = ["Type", "Time", "Order", "Student", "Provider", "Amount", "Currency", "State", "Reference", "Reason"];

    private string Provider(string provider) => localizer["Provider." + provider] is { ResourceNotFound: false } name ? name.Value : provider;

    // CsvHelper quotes; the text people typed is defused here (a leading =, +, - or @ would run as a formula in a
    // spreadsheet), while the amounts keep their minus sign.
    private static string[] Row(string type, DateTimeOffset? time, string order, string student, string provider, long fen, string currency, string state, string? reference, string reason) =>
        [type, Formats.ChinaTime(time), order, Defuse(student), provider, (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture), currency, state, Defuse(reference ?? ""), Defuse(reason)];

    private static string Defuse(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
}
