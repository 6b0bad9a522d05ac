
namespace Photocollect.Sms;

/// <summary>Sends SMS for the current school through the provider it chose.</summary>
public interface ISmsSender
{
    /// <summary>Sends, or throws <see cref="SmsSendException"/> with a reason fit to log.</summary>
    Task SendAsync(SmsMessage message, CancellationToken cancellationToken);
}
