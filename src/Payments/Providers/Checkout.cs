
namespace Photocollect.Payments;

/// <summary>What the student does next: go to a URL, scan a QR code, or call WeChat's JSAPI with these parameters.</summary>
/// <param name="RedirectUrl">A page to open, or null.</param>
/// <param name="QrText">Text to show as a QR code, or null.</param>
/// <param name="JsApi">Parameters for <c>WeixinJSBridge.invoke('getBrandWCPayRequest')</c>, or null.</param>
/// <param name="ProviderReference">The provider's id of what was created (prepay id, session id), or null.</param>
public sealed record Checkout(string? RedirectUrl, string? QrText, IReadOnlyDictionary<string, string>? JsApi, string? ProviderReference);
