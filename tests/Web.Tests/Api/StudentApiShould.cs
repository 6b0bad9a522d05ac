using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Collection;
using Photocollect.Data;
using Photocollect.Payments;
using Photocollect.Collection.Registry;
using Photocollect.Web.Seeding;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Api;

/// <summary>The student flow through the JSON API (the mini-program's path), against the same app and database.</summary>
public sealed class StudentApiShould(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Api = "/s/beifang/api/v1";

    [Fact]
    public async Task TakeAStudentFromCodeToCompletedThroughJson()
    {
        var client = await SignedInAsync(AppFactory.A);

        var campaign = await client.GetFromJsonAsync<JsonElement>(Api + "/campaign");
        Assert.Equal("Open", campaign.GetProperty("window").GetString());

        // The code as a screenshot.
        var code = await IssueAsync(6);
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(Codes.Screenshot(code)), "picture", "code.png" } })
        {
            var record = await Ok(await client.PostAsync(Api + "/collection/code", form));
            Assert.Equal(DemoSeeder.DemoStudents[6].Name, record.GetProperty("name").GetString());
            Assert.Contains("*", record.GetProperty("idNumber").GetString(), StringComparison.Ordinal);
        }

        // A phone for notifications that is not a mainland mobile number is refused by name, before anything is counted.
        foreach (var phone in new[] { "139000000071", "<b>x</b>123" })
        {
            var badPhone = await client.PostAsJsonAsync(Api + "/collection/verify", new { featureCode = "sv8s65", phone });
            Assert.Equal(((HttpStatusCode)422, "bad_phone"), (badPhone.StatusCode, await CodeOfAsync(badPhone)));
        }

        Assert.Equal("NeedsRecord", (await client.GetFromJsonAsync<JsonElement>(Api + "/collection")).GetProperty("step").GetString());
        var wrong = await client.PostAsJsonAsync(Api + "/collection/verify", new { featureCode = "nope00" });
        Assert.Equal((HttpStatusCode)422, wrong.StatusCode);
        var problem = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("wrong", 4), (problem.GetProperty("code").GetString(), problem.GetProperty("remainingAttempts").GetInt32()));
        var verified = await Ok(await client.PostAsJsonAsync(Api + "/collection/verify", new { featureCode = "sv8s65" }));
        Assert.Equal(("100001", "北方示范大学"), (verified.GetProperty("schoolCode").GetString(), verified.GetProperty("schoolName").GetString()));
        Assert.Equal("ReadyToShoot", (await Ok(await client.PostAsJsonAsync(Api + "/collection/standards", new { faceConsent = true }))).GetProperty("step").GetString());

        // A failed check, then a passing one, then submit twice: one order.
        var failed = await UploadAsync(client, Faces.TeethPhoto());
        Assert.False(failed.GetProperty("passed").GetBoolean());
        Assert.Contains(failed.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "mouth_closed" && !c.GetProperty("pass").GetBoolean());
        var passed = await UploadAsync(client, Faces.GoodPhoto());
        var photoId = passed.GetProperty("id").GetGuid();
        Assert.Equal("image/jpeg", (await client.GetAsync($"{Api}/collection/photos/{photoId}/standard")).Content.Headers.ContentType?.MediaType);
        var order = await Ok(await client.PostAsync($"{Api}/collection/photos/{photoId}/submit", null));
        var again = await Ok(await client.PostAsync($"{Api}/collection/photos/{photoId}/submit", null));
        var orderId = order.GetProperty("id").GetGuid();
        Assert.Equal(orderId, again.GetProperty("id").GetGuid());
        Assert.Equal(("PendingPayment", "待支付"), (order.GetProperty("status").GetString(), order.GetProperty("statusText").GetString()));

        // Pay: the cashier URL, then the Sandbox's signed notification over HTTP.
        var pay = await Ok(await client.PostAsync($"{Api}/orders/{orderId}/pay", null));
        await NotifyPaidAsync(pay.GetProperty("paymentId").GetGuid());
        var afterPay = await client.GetFromJsonAsync<JsonElement>($"{Api}/orders/{orderId}");
        Assert.Equal("PendingReview", afterPay.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"{Api}/orders/{orderId}/pay", null)).StatusCode);
        Assert.Equal(afterPay.GetRawText(), Assert.Single((await client.GetFromJsonAsync<JsonElement>(Api + "/orders")).EnumerateArray()).GetRawText());

        // Rejected, reshot without paying, approved and produced.
        await DeskAsync(d => d.RejectAsync(orderId, "reviewer", "background", "请站到白墙前重拍。"));
        var rejected = await client.GetFromJsonAsync<JsonElement>($"{Api}/orders/{orderId}");
        Assert.Equal(("Rejected", "背景不符合要求"), (rejected.GetProperty("status").GetString(), rejected.GetProperty("rejectReason").GetString()));
        Assert.Equal("请站到白墙前重拍。", rejected.GetProperty("rejectNote").GetString());
        // The list (read again: the rejection dropped the one the student's order-list grain held) answers the order as it is answered alone.
        Assert.Equal(rejected.GetRawText(), Assert.Single((await client.GetFromJsonAsync<JsonElement>(Api + "/orders")).EnumerateArray()).GetRawText());
        var reshot = await UploadAsync(client, Faces.GoodPhoto());
        var resubmitted = await Ok(await client.PostAsync($"{Api}/collection/photos/{reshot.GetProperty("id").GetGuid()}/submit", null));
        Assert.Equal((orderId, "PendingReview"), (resubmitted.GetProperty("id").GetGuid(), resubmitted.GetProperty("status").GetString()));
        await DeskAsync(d => d.ApproveAsync(orderId, "reviewer"));
        await DeskAsync(async d => await d.StartProductionAsync([orderId], "staff"));
        await DeskAsync(async d => await d.CompleteAsync([orderId], "staff"));

        var orders = await client.GetFromJsonAsync<JsonElement>(Api + "/orders?status=Completed");
        Assert.Equal(orderId, Assert.Single(orders.EnumerateArray()).GetProperty("id").GetGuid());

        // 加洗: the completed photo is offered; the same request id twice is one order; it pays into production.
        var options = await client.GetFromJsonAsync<JsonElement>(Api + "/reprints");
        Assert.Equal(orderId, Assert.Single(options.EnumerateArray()).GetProperty("orderId").GetGuid());
        var requestId = Guid.NewGuid();
        var reprint = await Ok(await client.PostAsJsonAsync(Api + "/reprints", new { sourceOrderId = orderId, copies = 2, requestId }));
        var retried = await Ok(await client.PostAsJsonAsync(Api + "/reprints", new { sourceOrderId = orderId, copies = 2, requestId }));
        Assert.Equal(reprint.GetProperty("id").GetGuid(), retried.GetProperty("id").GetGuid());
        Assert.Equal(("加洗", 2, 2000), (reprint.GetProperty("kind").GetString(), reprint.GetProperty("copies").GetInt32(), reprint.GetProperty("priceFen").GetInt32()));
        Assert.Equal(["pay"], reprint.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("copies", await CodeOfAsync(await client.PostAsJsonAsync(Api + "/reprints", new { sourceOrderId = orderId, copies = 99, requestId = Guid.NewGuid() })));
        Assert.Equal("request_id", await CodeOfAsync(await client.PostAsJsonAsync(Api + "/reprints", new { sourceOrderId = orderId, copies = 1 })));
        var reprintPay = await Ok(await client.PostAsync($"{Api}/orders/{reprint.GetProperty("id").GetGuid()}/pay", null));
        await NotifyPaidAsync(reprintPay.GetProperty("paymentId").GetGuid());
        Assert.Equal("PendingProduction", (await client.GetFromJsonAsync<JsonElement>($"{Api}/orders/{reprint.GetProperty("id").GetGuid()}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task TakeAFreshmanThroughTheRosterWithoutACode()
    {
        var client = await SignedInAsync(AppFactory.A);
        var number = DemoSeeder.DemoFreshmanNumber(0);

        var campaign = await client.GetFromJsonAsync<JsonElement>(Api + "/campaign?kind=Freshman");
        Assert.Equal(("Freshman", "IdLastFour"), (campaign.GetProperty("kind").GetString(), campaign.GetProperty("verification").GetString()));
        var wrong = await client.PostAsJsonAsync(Api + "/freshman/verify", new { name = DemoSeeder.DemoFreshmen[0].Name, studentNumber = number, idLastFour = "0000" });
        var wrongProblem = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("wrong", 4), (wrongProblem.GetProperty("code").GetString(), wrongProblem.GetProperty("remainingAttempts").GetInt32()));
        var record = await Ok(await client.PostAsJsonAsync(Api + "/freshman/verify",
            new { name = DemoSeeder.DemoFreshmen[0].Name, studentNumber = number, idLastFour = DemoSeeder.DemoIdLastFour("100001", number) }));
        Assert.Equal(DemoSeeder.DemoFreshmen[0].Major, record.GetProperty("major").GetString());
        await Ok(await client.PostAsJsonAsync(Api + "/freshman/standards", new { faceConsent = true }));
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Faces.GoodPhoto()), "photo", "photo.jpg" } };
        var photo = await Ok(await client.PostAsync(Api + "/freshman/photos", form));
        var order = await Ok(await client.PostAsync($"{Api}/freshman/photos/{photo.GetProperty("id").GetGuid()}/submit", null));

        Assert.Equal(("PendingPayment", 1500), (order.GetProperty("status").GetString(), order.GetProperty("priceFen").GetInt32()));
        Assert.Equal("Ordered", (await client.GetFromJsonAsync<JsonElement>(Api + "/freshman")).GetProperty("step").GetString());
        Assert.Equal("NeedsRecord", (await client.GetFromJsonAsync<JsonElement>(Api + "/collection")).GetProperty("step").GetString());  // a separate flow
    }

    [Fact]
    public async Task RefuseOtherStudentsOtherSchoolsAndNoToken()
    {
        var owner = await SignedInAsync(AppFactory.A);
        var code = await IssueAsync(0);
        await Ok(await owner.PostAsJsonAsync(Api + "/collection/code", new { code }));
        await Ok(await owner.PostAsJsonAsync(Api + "/collection/verify", new { featureCode = "sv8s65" }));
        await Ok(await owner.PostAsJsonAsync(Api + "/collection/standards", new { faceConsent = true }));
        var photoId = (await UploadAsync(owner, Faces.GoodPhoto())).GetProperty("id").GetGuid();
        var orderId = (await Ok(await owner.PostAsync($"{Api}/collection/photos/{photoId}/submit", null))).GetProperty("id").GetGuid();

        var other = await SignedInAsync(AppFactory.A);
        var otherSchool = await SignedInAsync(AppFactory.B);
        using var anonymous = app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Api}/orders/{orderId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Api}/collection/photos/{photoId}/standard")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"{Api}/orders/{orderId}/pay", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherSchool.GetAsync($"{Api}/orders/{orderId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherSchool.GetAsync($"/s/nanhu/api/v1/orders/{orderId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"{Api}/orders/{orderId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/campaign")).StatusCode);  // outside a school
    }

    [Fact]
    public async Task AnswerBadInputWithAProblemThatSaysWhatToDo()
    {
        var client = await SignedInAsync(AppFactory.A);

        var notAnImage = await client.PostAsync(Api + "/collection/code",
            new MultipartFormDataContent { { new ByteArrayContent("not a picture"u8.ToArray()), "picture", "x.png" } });
        var forged = await client.PostAsJsonAsync(Api + "/collection/code", new { code = Tamper.Change(await IssueAsync(1)) });
        var otherSchool = await client.PostAsJsonAsync(Api + "/collection/code", new { code = await IssueAsync(1, "100002") });
        var noRecord = await client.PostAsync(Api + "/collection/photos", new MultipartFormDataContent { { new ByteArrayContent(Faces.GoodPhoto()), "photo", "p.jpg" } });

        Assert.Equal("not_an_image", await CodeOfAsync(notAnImage));
        var forgedProblem = await forged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("forged", forgedProblem.GetProperty("code").GetString());
        Assert.Contains("学信网", forgedProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("other_school", await CodeOfAsync(otherSchool));
        Assert.Equal("no_record", await CodeOfAsync(noRecord));
        var huge = await client.PostAsync(Api + "/collection/photos", new MultipartFormDataContent { { new ByteArrayContent(new byte[40 * 1024 * 1024]), "photo", "p.jpg" } });
        Assert.Equal(((HttpStatusCode)413, "too_large"), (huge.StatusCode, await CodeOfAsync(huge)));
    }

    private Task<HttpClient> SignedInAsync(string slug) => app.ApiStudentAsync(slug);

    private static async Task<JsonElement> UploadAsync(HttpClient client, byte[] photo)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(photo), "photo", "photo.jpg" } };
        return await Ok(await client.PostAsync(Api + "/collection/photos", form));
    }

    private async Task NotifyPaidAsync(Guid paymentId)
    {
        var (body, signature) = await app.InSchoolAsync(AppFactory.A, sp => Sandbox.NotificationAsync(sp, paymentId, paid: true));
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/s/beifang/pay/notify/sandbox") { Content = new StringContent(body) };
        request.Headers.Add("X-Sandbox-Signature", signature);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        using var replay = new HttpRequestMessage(HttpMethod.Post, "/s/beifang/pay/notify/sandbox") { Content = new StringContent(body) };
        replay.Headers.Add("X-Sandbox-Signature", signature);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(replay)).StatusCode);  // a replay is acknowledged, not applied twice
    }

    private Task DeskAsync(Func<ReviewDesk, Task> work) => app.InSchoolAsync(AppFactory.A, sp => work(sp.GetRequiredService<ReviewDesk>()));

    private Task<string> IssueAsync(int student, string school = "100001") => app.InSchoolAsync(AppFactory.A, sp =>
        Task.FromResult(sp.GetRequiredService<SimulatedStudentRegistry>().IssueCode(school, DemoSeeder.DemoStudentNumber(student))));

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<string?> CodeOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
}
