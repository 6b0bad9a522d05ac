namespace Photocollect.Tenancy.Settings;

/// <summary>
/// Settings the platform holds once for every school, set by the operator: e.g. the service provider's WeChat Pay
/// merchant and keys (服务商), under which each school is only a sub-merchant.
/// </summary>
public interface IPlatformSettings
{
    /// <summary>The platform's settings of this kind, secrets decrypted; a new instance when never saved.</summary>
    Task<T> GetAsync<T>(CancellationToken cancellationToken = default) where T : class, new();

    /// <summary>Saves the platform's settings of this kind, secrets encrypted.</summary>
    Task SaveAsync<T>(T value, CancellationToken cancellationToken = default) where T : class, new();
}
