using Photocollect.Tenancy.Settings;

namespace Photocollect.Collection.Registry;

/// <summary>The current school's registry, as its settings choose.</summary>
public sealed class TenantStudentRegistry(
    ITenantSettings settings,
    SimulatedStudentRegistry simulator,
    IHttpClientFactory http,
    ILogger<HttpStudentRegistry> logger) : IStudentRegistry
{
    /// <inheritdoc />
    public async Task<RegistryLookup> ResolveAsync(string code, CancellationToken cancellationToken = default) =>
        await (await ChooseAsync(cancellationToken)).ResolveAsync(code, cancellationToken);

    /// <inheritdoc />
    public async Task<byte[]?> AdmissionPhotoAsync(RegistryRecord record, CancellationToken cancellationToken = default) =>
        await (await ChooseAsync(cancellationToken)).AdmissionPhotoAsync(record, cancellationToken);

    private async Task<IStudentRegistry> ChooseAsync(CancellationToken cancellationToken)
    {
        var chosen = await settings.GetAsync<RegistrySettings>(cancellationToken);
        if (chosen.Provider == "http" && Uri.TryCreate(chosen.BaseUrl, UriKind.Absolute, out var baseUrl) && chosen.ApiKey is { Length: > 0 } key)
        {
            var address = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
            return new HttpStudentRegistry(http.CreateClient("registry"), address, key, logger);
        }

        return simulator;
    }
}
