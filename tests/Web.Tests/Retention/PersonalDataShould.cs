using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Accounts;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Retention;

/// <summary>
/// The student's rights on 账号信息 and in the API: what is held about them (record, masked ID number, photos, orders,
/// consent), and erasure, refused while an order is in progress and done, after a ticked confirmation, without: files
/// gone, the record blanked, the account closed, the order kept. Students of the second demo school.
/// </summary>
public sealed class PersonalDataShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task ShowWhatIsHeldAndRefuseToEraseWhileAnOrderIsInProgress()
    {
        var (order, record) = await app.InSchoolAsync(AppFactory.B, sp => Delivered.OrderAsync(sp, OrderStatus.PendingReview));
        var student = await app.StudentAsync(AppFactory.B, await PhoneOfAsync(order.AccountId));

        var (_, account) = await Html.GetAsync(student, "/s/nanhu/account");
        Assert.Equal(record.Name, account.Text("[data-test=held-name]"));
        Assert.Equal(IdNumber.Mask(record.IdNumber), account.Text("[data-test=held-id]"));
        Assert.DoesNotContain(record.IdNumber, account.Source.Text, StringComparison.Ordinal);
        Assert.Equal("1", account.QuerySelector("[data-test=held-photos]")?.GetAttribute("data-count"));
        Assert.Equal(Photocollect.Web.Text.Formats.ChinaTime(record.FaceConsentAt), account.Text("[data-test=held-consent]"));
        Assert.Equal((order.Number, "PendingReview"), (account.QuerySelector("[data-test=held-order]")?.GetAttribute("data-number"),
            account.QuerySelector("[data-test=held-order]")?.GetAttribute("data-status")));

        var (_, erase) = await Html.GetAsync(student, account.QuerySelector("[data-test=to-erase]")!.GetAttribute("href")!);
        Assert.NotNull(erase.QuerySelector("[data-test=erase-refused]"));
        Assert.Contains("退款", erase.Text("[data-test=erase-refused]"), StringComparison.Ordinal);
        Assert.Equal(order.Number, erase.QuerySelector("[data-test=in-progress]")?.GetAttribute("data-number"));
        Assert.Null(erase.QuerySelector("[data-test=erase]"));
        Assert.Equal(2, await FilesAsync(record.Id));
    }

    [Fact]
    public async Task KeepTheHeldAccountPageCurrentThroughConsentPhotoAndOrder()
    {
        const string Account = "/s/beifang/account";
        var student = await app.VerifiedAsync();
        var (_, verified) = await Html.GetAsync(student, Account);
        Assert.Equal("未同意", verified.Text("[data-test=held-consent]"));
        Assert.Equal("0", verified.QuerySelector("[data-test=held-photos]")?.GetAttribute("data-count"));

        var (_, standards) = await Html.GetAsync(student, "/s/beifang/collect/standards");
        await Html.SubmitAsync(student, standards, "[data-test=to-camera]", new Dictionary<string, string?> { ["Understood"] = "true", ["FaceConsent"] = "true" });
        var (_, consented) = await Html.GetAsync(student, Account);
        Assert.NotEqual("未同意", consented.Text("[data-test=held-consent]"));

        // Held: the next page reads none of the account's rows.
        using (app.Sql.Record())
        {
            var (_, held) = await Html.GetAsync(student, Account);
            Assert.Equal(consented.Text("[data-test=held-consent]"), held.Text("[data-test=held-consent]"));
            Assert.DoesNotContain(app.Sql.Commands, sql => sql.Contains("FROM \"StudentRecords\"", StringComparison.Ordinal));
        }

        // A photo checked, then an order made: each on the next page.
        var (_, capture) = await Html.GetAsync(student, "/s/beifang/collect/capture");
        await Html.UploadAsync(student, capture, "form[data-upload]", "Photo", "photo.jpg", Faces.GoodPhoto());
        var (_, photographed) = await Html.GetAsync(student, Account);
        Assert.Equal("1", photographed.QuerySelector("[data-test=held-photos]")?.GetAttribute("data-count"));
        Assert.Null(photographed.QuerySelector("[data-test=held-order]"));

        var orderUrl = await Journeys.SubmitPhotoAsync(student, Faces.GoodPhoto());
        var (_, ordered) = await Html.GetAsync(student, Account);
        Assert.Equal("2", ordered.QuerySelector("[data-test=held-photos]")?.GetAttribute("data-count"));
        Assert.Equal("PendingPayment", ordered.QuerySelector("[data-test=held-order]")?.GetAttribute("data-status"));
        Assert.EndsWith(ordered.QuerySelector("[data-test=held-order]")!.GetAttribute("data-number")!, await NumberAsync(orderUrl), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefuseToEraseWhileARejectedOrderWaitsForANewPhoto()
    {
        var (refused, files) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            // Paid, then rejected: the money is the student's until a new photo is taken or the order is refunded.
            var (order, record) = await Delivered.OrderAsync(sp, OrderStatus.Rejected);
            var erasure = await sp.GetRequiredService<Photocollect.Collection.Retention.PersonalData>().EraseAsync(order.AccountId);
            var db = sp.GetRequiredService<AppDbContext>();
            return (erasure, await db.PhotoFiles.CountAsync(f => db.Photos.Any(p => p.Id == f.PhotoId && p.RecordId == record.Id)));
        });

        Assert.Null(refused.Removed);
        Assert.Equal(OrderStatus.Rejected, Assert.Single(refused.OrdersInProgress).Status);
        Assert.True(files > 0);
    }

    [Fact]
    public async Task EraseTheDataAndTheAccountOnceConfirmedAndKeepTheOrder()
    {
        var (order, record) = await app.InSchoolAsync(AppFactory.B, sp => Delivered.OrderAsync(sp, OrderStatus.Completed));
        var phone = await PhoneOfAsync(order.AccountId);
        var student = await app.StudentAsync(AppFactory.B, phone);
        var (_, erase) = await Html.GetAsync(student, "/s/nanhu/account/erase");

        var unconfirmed = await Html.ParseAsync(await Html.SubmitAsync(student, erase, "[data-test=erase]"));
        Assert.NotNull(unconfirmed.QuerySelector("[data-test=erase-not-confirmed]"));
        Assert.Equal(2, await FilesAsync(record.Id));

        var done = await Html.ParseAsync(await Html.SubmitAsync(student, unconfirmed, "[data-test=erase]", new Dictionary<string, string?> { ["Confirmed"] = "true" }));
        Assert.NotNull(done.QuerySelector("[data-test=erased]"));
        Assert.Equal(0, await FilesAsync(record.Id));
        var (after, kept, user, trail) = await app.InSchoolAsync(AppFactory.B, async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.StudentRecords.AsNoTracking().SingleAsync(r => r.Id == record.Id), await db.Orders.AsNoTracking().SingleAsync(o => o.Id == order.Id),
                await db.Users.AsNoTracking().SingleAsync(u => u.Id == order.AccountId),
                await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == AuditActions.PersonalDataErased && e.AccountId == order.AccountId));
        });
        Assert.Equal(("", "", "", record.Id.ToString("N")), (after.Name, after.IdNumber, after.Phone, after.StudentNumber));
        Assert.Equal((OrderStatus.Completed, order.PriceFen, order.PaymentReference), (kept.Status, kept.PriceFen, kept.PaymentReference));
        Assert.Equal((null, true), (user.PhoneNumber, user.LockoutEnd > DateTimeOffset.UtcNow));
        Assert.NotEqual(phone, user.UserName);
        Assert.Equal("student", trail.Who);
        Assert.DoesNotContain(phone, trail.Details ?? "", StringComparison.Ordinal);

        // The old session is over; the same phone signs in as a new account that holds nothing.
        Assert.NotEqual(HttpStatusCode.OK, (await student.GetAsync("/s/nanhu/account")).StatusCode);
        var again = await app.StudentAsync(AppFactory.B, phone);
        var (_, fresh) = await Html.GetAsync(again, "/s/nanhu/account");
        Assert.NotNull(fresh.QuerySelector("[data-test=held-none]"));
    }

    [Fact]
    public async Task AnswerTheApiWithWhatIsHeldAndEraseOnlyWhenNothingIsInProgress()
    {
        var (busyOrder, busyRecord) = await app.InSchoolAsync(AppFactory.B, sp => Delivered.OrderAsync(sp, OrderStatus.PendingReview));
        var busy = await app.ApiStudentAsync(AppFactory.B, await PhoneOfAsync(busyOrder.AccountId));

        var held = await busy.GetFromJsonAsync<JsonElement>("/s/nanhu/api/v1/personal-data");
        var first = held.GetProperty("records")[0];
        Assert.Equal((busyRecord.Name, IdNumber.Mask(busyRecord.IdNumber)), (first.GetProperty("name").GetString(), first.GetProperty("maskedIdNumber").GetString()));
        Assert.Equal(1, first.GetProperty("photosStored").GetInt32());
        Assert.Equal("PendingReview", first.GetProperty("orders")[0].GetProperty("status").GetString());
        Assert.Equal((HttpStatusCode.BadRequest, "confirm"), await ProblemAsync(await busy.DeleteAsync("/s/nanhu/api/v1/personal-data")));
        var refused = await busy.DeleteAsync("/s/nanhu/api/v1/personal-data?confirm=true");
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((HttpStatusCode.Conflict, "order_in_progress"), (refused.StatusCode, problem.GetProperty("code").GetString()));
        Assert.Equal(busyOrder.Number, problem.GetProperty("orders")[0].GetProperty("number").GetString());
        Assert.Equal(2, await FilesAsync(busyRecord.Id));

        var (doneOrder, doneRecord) = await app.InSchoolAsync(AppFactory.B, sp => Delivered.OrderAsync(sp, OrderStatus.Completed));
        var finished = await app.ApiStudentAsync(AppFactory.B, await PhoneOfAsync(doneOrder.AccountId));
        var erased = await finished.DeleteAsync("/s/nanhu/api/v1/personal-data?confirm=true");
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var removed = (await erased.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("removed");
        Assert.Equal((1, 1, 1), (removed.GetProperty("sourcePhotos").GetInt32(), removed.GetProperty("standardPhotos").GetInt32(), removed.GetProperty("admissionPhotos").GetInt32()));
        Assert.Equal(0, await FilesAsync(doneRecord.Id));
        Assert.True(await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<AppDbContext>().Orders.AnyAsync(o => o.Id == doneOrder.Id && o.Status == OrderStatus.Completed)));
    }

    private Task<string> PhoneOfAsync(Guid account) => app.InSchoolAsync(AppFactory.B, async sp =>
        (await sp.GetRequiredService<AppDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == account)).PhoneNumber!);

    // The record's stored files: photo file rows and its admission photo (2 while the one photo and it are kept).
    private Task<int> FilesAsync(Guid record) => app.InSchoolAsync(AppFactory.B, async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        return await db.PhotoFiles.CountAsync(f => db.Photos.Any(p => p.Id == f.PhotoId && p.RecordId == record))
            + await db.AdmissionPhotos.CountAsync(a => a.RecordId == record);
    });

    private static async Task<(HttpStatusCode, string?)> ProblemAsync(HttpResponseMessage response) =>
        (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

    private Task<string> NumberAsync(string orderUrl) => app.InSchoolAsync(AppFactory.A, async sp =>
    {
        var id = PaymentKit.OrderId(orderUrl);
        return await sp.GetRequiredService<AppDbContext>().Orders.AsNoTracking().Where(o => o.Id == id).Select(o => o.Number).SingleAsync();
    });
}
