using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Data;
using Photocollect.Payments;

namespace Photocollect.Web.Tests.TestKit;

/// <summary>The Sandbox provider's notifications, made and handled inside a school's scope.</summary>
public static class Sandbox
{
    /// <summary>The signed notification the sandbox cashier would send for a payment.</summary>
    public static async Task<(string Body, string Signature)> NotificationAsync(IServiceProvider sp, Guid paymentId, bool paid)
    {
        var payment = await sp.GetRequiredService<AppDbContext>().Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId);
        var provider = (SandboxProvider)await sp.GetRequiredService<PaymentProviders>().ForAsync(PaymentProviderKind.Sandbox);
        return provider.Notification(payment, paid);
    }

    /// <summary>Hands a notification to the payment service as the notify endpoint would.</summary>
    public static Task<NotificationOutcome> HandleAsync(IServiceProvider sp, string body, string signature) =>
        sp.GetRequiredService<PaymentService>().HandleNotificationAsync(
            PaymentProviderKind.Sandbox, new HeaderDictionary { [SandboxProvider.SignatureHeader] = signature }, body);
}
