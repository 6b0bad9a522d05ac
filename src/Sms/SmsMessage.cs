
namespace Photocollect.Sms;

/// <summary>An SMS to send: the template, its parameters, and the text as the dev outbox shows it.</summary>
/// <param name="Phone">11-digit mainland number.</param>
/// <param name="Template">Which approved template.</param>
/// <param name="Parameters">Template parameters in order.</param>
/// <param name="Text">Full text, for the outbox and logs of the dev sender.</param>
public sealed record SmsMessage(string Phone, SmsTemplate Template, IReadOnlyList<string> Parameters, string Text);
