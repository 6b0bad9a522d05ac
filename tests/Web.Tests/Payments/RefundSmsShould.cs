using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Payments;
using Photocollect.Sms;
using Photocollect.Tenancy.Settings;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Payments;

/// <summary>
/// 退款通知: each refund that succeeds is texted to the student once, whoever asked for it and however its result
/// arrived, through the school's own provider with its template, into the SMS log; a message that cannot be sent
/// leaves the refund and the order as they are. (The ledger's double click, the window-end refunds and the providers'
/// notifications and queries are asserted in LedgerShould, OnSiteCollectionShould, ReconciliationShould and
/// StripeShould.)
/// </summary>
public sealed class RefundSmsShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task TextEachRefundOnceWithItsAmount()
    {
        var orderId = PaymentKit.OrderId((await app.OrderAsync(pay: true)).OrderUrl);
        var payment = (await app.PaymentsAsync(orderId)).Single();

        var part = await RefundAsync(payment.Id, 1000, "部分退款");
        var rest = await RefundAsync(payment.Id, 2000, "余款退回");
        // The provider saying it again (a repeated notification, a later query) is not a new refund.
        var again = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<RefundService>().ApplyAsync(new RemoteRefund(rest.Id, RefundState.Succeeded, rest.ProviderReference)));

        Assert.Equal(NotificationOutcome.Duplicate, again);
        Assert.Equal(OrderStatus.Refunded, await app.StatusAsync(orderId));
        var (number, name) = await NumberAndNameAsync(orderId);
        var sent = (await app.SmsToStudentOfAsync(AppFactory.A, orderId)).Where(m => m.Template == nameof(SmsTemplate.Refunded)).ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal([name, number, "10.00", "毕业照片"], SmsLogKit.ParametersOf(sent[0]));
        Assert.Equal([name, number, "20.00", "毕业照片"], SmsLogKit.ParametersOf(sent[1]));
        Assert.Equal(SmsTemplates.ParameterNames(SmsTemplate.Refunded).Count, SmsLogKit.ParametersOf(sent[0]).Length);
        Assert.All(sent, m => Assert.Equal((SmsLogOutcomes.Sent, nameof(SmsProvider.DevOutbox)), (m.Outcome, m.Provider)));
        Assert.Equal($"【北方示范】{name}同学，您的毕业照片订单{number}已退款10.00元，款项原路退回，一般 3 个工作日内到账。", sent[0].Text);
        var outbox = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().SmsOutbox.Where(m => m.Text.Contains(number) && m.Text.Contains("已退款")).CountAsync());
        Assert.Equal(2, outbox);
        Assert.Equal([RefundState.Succeeded, RefundState.Succeeded], new[] { part.State, rest.State });
    }

    [Fact]
    public async Task SendItThroughTheSchoolsProviderAndKeepTheRefundWhenTheProviderFails()
    {
        var orderId = PaymentKit.OrderId((await app.OrderAsync(pay: true)).OrderUrl);
        var payment = (await app.PaymentsAsync(orderId)).Single();
        var (number, name) = await NumberAndNameAsync(orderId);
        var fail = false;
        JsonNode? received = null;
        await using var tencent = await new LocalHttpServer(async context =>
        {
            received = JsonNode.Parse(await new StreamReader(context.Request.Body).ReadToEndAsync());
            await context.Response.WriteAsync(fail
                ? """{"Response":{"Error":{"Code":"FailedOperation.InsufficientBalanceInSmsPackage","Message":"no balance"},"RequestId":"r"}}"""
                : """{"Response":{"SendStatusSet":[{"Code":"Ok","Message":"send success"}],"RequestId":"r"}}""");
        }).StartAsync();
        var stored = await SmsSettingsAsync();
        await SaveSmsSettingsAsync(new SmsSettings
        {
            Provider = SmsProvider.TencentCloud,
            AccessKeyId = "AKIDfake0001",
            AccessKeySecret = "fake-secret-key-0001",
            SdkAppId = "1400000001",
            SignName = "北方示范",
            LoginCodeTemplateId = "1000001",
            RefundedTemplateId = "1000006",
            Endpoint = tencent.BaseAddress,
        });
        try
        {
            await RefundAsync(payment.Id, 500, "部分退款");
            Assert.Equal("1000006", received?["TemplateId"]?.GetValue<string>());
            Assert.Equal([name, number, "5.00", "毕业照片"], received!["TemplateParamSet"]!.AsArray().Select(p => p!.GetValue<string>()));

            // The provider refuses the next one: the money still goes back, the order is still 已退款, the log says it failed.
            fail = true;
            var rest = await RefundAsync(payment.Id, 2500, "余款退回");
            Assert.Equal(RefundState.Succeeded, rest.State);
            Assert.Equal(OrderStatus.Refunded, await app.StatusAsync(orderId));
            var logged = (await app.SmsToStudentOfAsync(AppFactory.A, orderId)).Where(m => m.Template == nameof(SmsTemplate.Refunded)).ToList();
            Assert.Equal([(SmsLogOutcomes.Sent, "5.00"), (SmsLogOutcomes.Failed, "25.00")], logged.Select(m => (m.Outcome, SmsLogKit.ParametersOf(m)[2])));
            Assert.Contains("InsufficientBalance", logged[1].Error, StringComparison.Ordinal);
            Assert.All(logged, m => Assert.Equal(nameof(SmsProvider.TencentCloud), m.Provider));
        }
        finally
        {
            await SaveSmsSettingsAsync(stored);
        }
    }

    [Fact]
    public async Task LeaveTheRefundStandingWhenTheSchoolHasNoRefundTemplate()
    {
        var orderId = PaymentKit.OrderId((await app.OrderAsync(pay: true)).OrderUrl);
        var payment = (await app.PaymentsAsync(orderId)).Single();
        var stored = await SmsSettingsAsync();
        // A school set up before 退款通知 existed: the provider is configured, the new template is not.
        await SaveSmsSettingsAsync(new SmsSettings
        {
            Provider = SmsProvider.Aliyun,
            AccessKeyId = "LTAIfake0001",
            AccessKeySecret = "fake-secret-key-0001",
            SignName = "北方示范",
            LoginCodeTemplateId = "SMS_000001",
            Endpoint = new Uri("http://127.0.0.1:9/"),
        });
        try
        {
            var refund = await RefundAsync(payment.Id, payment.AmountFen, "学生申请退款");

            Assert.Equal(RefundState.Succeeded, refund.State);
            Assert.Equal(OrderStatus.Refunded, await app.StatusAsync(orderId));
            var logged = (await app.SmsToStudentOfAsync(AppFactory.A, orderId)).Single(m => m.Template == nameof(SmsTemplate.Refunded));
            Assert.Equal(SmsLogOutcomes.Failed, logged.Outcome);
            Assert.Contains(nameof(SmsSettings.RefundedTemplateId), logged.Error, StringComparison.Ordinal);
        }
        finally
        {
            await SaveSmsSettingsAsync(stored);
        }
    }

    private async Task<Refund> RefundAsync(Guid paymentId, long fen, string reason)
    {
        var result = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<RefundService>().RefundAsync(paymentId, fen, reason, "admin", null));
        Assert.Null(result.Problem);
        return result.Refund!;
    }

    private Task<(string Number, string Name)> NumberAndNameAsync(Guid orderId) => app.InSchoolAsync(AppFactory.A, async sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        var found = await (from o in db.Orders join r in db.StudentRecords on o.RecordId equals r.Id where o.Id == orderId select new { o.Number, r.Name }).SingleAsync();
        return (found.Number, found.Name);
    });

    private Task<SmsSettings> SmsSettingsAsync() => app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<ITenantSettings>().GetAsync<SmsSettings>());

    private Task SaveSmsSettingsAsync(SmsSettings settings) => app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<ITenantSettings>().SaveAsync(settings));
}
