
namespace Photocollect.Sms;

/// <summary>Which SMS provider a school uses.</summary>
public enum SmsProvider
{
    /// <summary>Stored in the database, readable on the dev-only outbox page.</summary>
    DevOutbox = 0,

    /// <summary>Tencent Cloud SMS (API 2021-01-11, TC3-HMAC-SHA256).</summary>
    TencentCloud = 1,

    /// <summary>Aliyun SMS (dysmsapi 2017-05-25, RPC HMAC-SHA1).</summary>
    Aliyun = 2,
}
