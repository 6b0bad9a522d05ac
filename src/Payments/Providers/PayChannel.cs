
namespace Photocollect.Payments;

/// <summary>Where the student pays.</summary>
public enum PayChannel
{
    /// <summary>A desktop browser: a QR code to scan with the phone (WeChat Native).</summary>
    Desktop,

    /// <summary>A phone browser outside WeChat (WeChat H5).</summary>
    MobileBrowser,

    /// <summary>Inside WeChat, with the student's openid (WeChat JSAPI).</summary>
    WeChat,
}
