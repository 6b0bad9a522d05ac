
namespace Photocollect.Sms;

/// <summary>The provider refused or could not be reached.</summary>
public sealed class SmsSendException(string message, Exception? inner = null) : Exception(message, inner);
