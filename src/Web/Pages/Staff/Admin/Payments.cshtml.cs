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
/// The school's ledger (收支明细): payments received and refunds with their states, totals that add up, a CSV export,
/// and refunds, full or partial, with a reason. A refund form carries its refund id, so a double click refunds once.
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

    /// <summary>The ledger.</summary>
    public LedgerView View { get; private set; } = new([], [], [], 0);

    /// <summary>A problem with the period or a refund (resource key), and the payment it is about.</summary>
    public (string Key, Guid? PaymentId)? Problem { get; private set; }

    /// <summary>A message after a refund.</summary>
    [TempData]
    public string? Info { get; set; }

    /// <summary>Shows the ledger.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>The ledger as CSV (UTF-8 with a byte order mark, which spreadsheet programs need for Chinese).</summary>
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
            csv.WriteRecord(["type", "time", "order", "student", "provider", "amount", "currency", "state", "reference", "reason"]);
            foreach (var p in view.Payments)
            {
                csv.WriteRecord(Row("payment", p.Payment.PaidAt, p.OrderNumber, p.Student, p.Payment.Provider, p.Payment.AmountFen, p.Payment.Currency, p.Payment.State, p.Payment.ProviderReference, ""));
            }

            foreach (var r in view.Refunds)
            {
                csv.WriteRecord(Row("refund", r.Refund.CreatedAt, r.OrderNumber, "", r.Provider, -r.Refund.AmountFen, r.Refund.Currency, r.Refund.State.ToString().ToLowerInvariant(), r.Refund.ProviderReference, r.Refund.Reason));
            }
        }

        output.Position = 0;
        return File(output, "text/csv; charset=utf-8", $"ledger-{(string.IsNullOrWhiteSpace(From) ? "start" : From)}-{(string.IsNullOrWhiteSpace(To) ? "now" : To)}.csv");
    }

    /// <summary>Refunds part or all of a payment.</summary>
    public async Task<IActionResult> OnPostRefundAsync(CancellationToken cancellationToken)
    {
        string? problem = null;
        if (!Formats.TryParseFen(Amount, out var fen) || fen == 0)
        {
            problem = "Ledger.Error.Amount";
        }
        else
        {
            var result = await refunds.RefundAsync(PaymentId, fen, Reason ?? "", User.Identity?.Name ?? "admin", urls.Of(Request), RequestId == Guid.Empty ? null : RequestId, cancellationToken);
            if (result.Refund is { } refund)
            {
                Info = localizer["Ledger.Refunded", Formats.Yuan(refund.AmountFen), localizer[$"RefundState.{refund.State}"].Value].Value;
                return RedirectToPage(new { From, To });
            }

            problem = result.Problem == "amount" ? "Ledger.Error.Amount" : $"Ledger.Error.{result.Problem}";
        }

        Problem = (problem, PaymentId);
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

            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
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

    // CsvHelper quotes; the text people typed is defused here (a leading =, +, - or @ would run as a formula in a
    // spreadsheet), while the amounts keep their minus sign.
    private static string[] Row(string type, DateTimeOffset? time, string order, string student, string provider, long fen, string currency, string state, string? reference, string reason) =>
        [type, Formats.ChinaTime(time), order, Defuse(student), provider, (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture), currency, state, Defuse(reference ?? ""), Defuse(reason)];

    private static string Defuse(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
}
