using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// Delivery batches through the real page: the naming choice, a batch made by the form, its ZIP streamed to the browser,
/// an empty selection refused with what to do, and the photos counted as delivered.
/// </summary>
public sealed partial class DeliveryPagesShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Base = "/s/nanhu";

    [Fact]
    public async Task MakeABatchByTheFormAndStreamItsZip()
    {
        var admin = await app.StaffAsync("nanhu", DemoSeeder.StaffEmail("nanhu", "admin"));
        var (order, record) = await app.InSchoolAsync(AppFactory.B, sp => Delivered.OrderAsync(sp, OrderStatus.Completed));

        var (_, page) = await Html.GetAsync(admin, Base + "/staff/deliveries");
        var ready = int.Parse(page.QuerySelector("[data-test=ready]")!.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(ready >= 1);
        await Html.SubmitAsync(admin, page, "[data-test=save-naming]", new Dictionary<string, string?> { ["Naming"] = "IdNumber" });
        var made = await Html.SubmitAsync(admin, (await Html.GetAsync(admin, Base + "/staff/deliveries")).Document, "[data-test=create]");
        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);

        var (_, after) = await Html.GetAsync(admin, Base + "/staff/deliveries");
        Assert.Equal("0", after.QuerySelector("[data-test=ready]")!.GetAttribute("data-count"));
        var batch = after.QuerySelectorAll("[data-test=batch]")[0];
        Assert.Equal(ready.ToString(System.Globalization.CultureInfo.InvariantCulture), batch.GetAttribute("data-photos"));
        using var zip = await admin.GetAsync(new Uri(new Uri(after.Url), batch.QuerySelector("[data-test=download-zip]")!.GetAttribute("href")), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(("application/zip", "delivery-001.zip"), (zip.Content.Headers.ContentType?.MediaType, zip.Content.Headers.ContentDisposition?.FileNameStar));
        using var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()));
        Assert.NotNull(archive.GetEntry($"photos/{record.IdNumber}.jpg"));
        Assert.Equal(ready, archive.Entries.Count(e => e.FullName.StartsWith("photos/", StringComparison.Ordinal)));

        // Print sheets of the batch: a PDF page per 8 photos, or the same sheets as JPEG pages in a ZIP; both logged.
        var pdf = await admin.GetByteArrayAsync($"{Base}/staff/deliveries?handler=Prints&id={batch.GetAttribute("data-batch")}&format=pdf&layout=5in-8x1in");
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.Equal((ready + 7) / 8, PdfPages().Count(Encoding.Latin1.GetString(pdf)));
        using (var sheets = new ZipArchive(new MemoryStream(await admin.GetByteArrayAsync($"{Base}/staff/deliveries?handler=Prints&id={batch.GetAttribute("data-batch")}&format=jpg&layout=6in-4x2in"))))
        {
            Assert.Equal((ready + 3) / 4, sheets.Entries.Count(e => e.FullName.StartsWith("sheets/", StringComparison.Ordinal)));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Base}/staff/deliveries?handler=Prints&id={batch.GetAttribute("data-batch")}&format=gif")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Base}/staff/deliveries?handler=Prints&id={batch.GetAttribute("data-batch")}&format=pdf&layout=A4")).StatusCode);
        var printsLogged = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().DataExports.CountAsync(e => e.Kind.StartsWith("prints-")));
        Assert.Equal(2, printsLogged);

        // The student's order card says the photo reached the school.
        var student = await app.StudentAsync("nanhu", record.Phone);
        var (_, card) = await Html.GetAsync(student, $"{Base}/orders/{order.Id}");
        Assert.NotNull(card.QuerySelector("[data-test=order-delivered]"));

        // A naming that is not one of the choices changes nothing.
        var refused = await Html.ParseAsync(await Html.SubmitAsync(admin, after, "[data-test=save-naming]", new Dictionary<string, string?> { ["Naming"] = "FileOfMyChoice" }));
        Assert.NotNull(refused.QuerySelector(".alert.error"));
        Assert.Equal("IdNumber", refused.QuerySelector("#naming option[selected]")?.GetAttribute("value"));

        // Nothing is left: a second batch is refused with what to do.
        var again = await Html.ParseAsync(await Html.SubmitAsync(admin, after, "[data-test=create]"));
        Assert.Contains("包括已交付", again.QuerySelector(".alert.error")?.TextContent, StringComparison.Ordinal);
        var (_, delivered) = await Html.GetAsync(admin, Base + "/staff/progress");
        Assert.True(int.Parse(delivered.QuerySelector("[data-test=funnel] [data-stage=Delivered]")!.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"/Type\s*/Page\b")]
    private static partial System.Text.RegularExpressions.Regex PdfPages();
}
