using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Photocollect.Collection.Registry;

/// <summary>
/// A real registry over HTTP (contract in docs/registry.md): <c>POST {base}/v1/collection-codes/resolve</c> with
/// <c>{"code": "..."}</c> answers 200 with the record, 404 <c>not_found</c>, or 400 with
/// <c>malformed|forged|expired</c>; <c>GET {base}/v1/students/{schoolCode}/{studentNumber}/admission-photo</c>
/// answers the image or 404. Every call carries <c>Authorization: Bearer {key}</c>. Timeouts, 5xx and unreadable
/// answers are <see cref="RegistryError.Unavailable"/>: the student is asked to try again, nothing is stored.
/// </summary>
public sealed class HttpStudentRegistry(HttpClient http, Uri baseAddress, string apiKey, ILogger<HttpStudentRegistry> logger) : IStudentRegistry
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <inheritdoc />
    public async Task<RegistryLookup> ResolveAsync(string code, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "v1/collection-codes/resolve"))
        {
            Content = JsonContent.Create(new { code }, options: Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var record = await response.Content.ReadFromJsonAsync<RegistryRecord>(Json, cancellationToken);
                return record is null ? RegistryLookup.Failed(RegistryError.Unavailable) : RegistryLookup.Found(record);
            }

            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
            {
                var error = await response.Content.ReadFromJsonAsync<ErrorBody>(Json, cancellationToken);
                return RegistryLookup.Failed(error?.Error switch
                {
                    "forged" => RegistryError.Forged,
                    "expired" => RegistryError.Expired,
                    "not_found" => RegistryError.NotFound,
                    _ => RegistryError.Malformed,
                });
            }

            logger.LogWarning("Registry answered {Status} to a code lookup", (int)response.StatusCode);
            return RegistryLookup.Failed(RegistryError.Unavailable);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or NotSupportedException)
        {
            logger.LogWarning("Registry unreachable for a code lookup: {Error}", e.GetType().Name);
            return RegistryLookup.Failed(RegistryError.Unavailable);
        }
    }

    /// <inheritdoc />
    public async Task<byte[]?> AdmissionPhotoAsync(RegistryRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var path = $"v1/students/{Uri.EscapeDataString(record.SchoolCode)}/{Uri.EscapeDataString(record.StudentNumber)}/admission-photo";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(cancellationToken) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            logger.LogWarning("Registry unreachable for an admission photo: {Error}", e.GetType().Name);
            return null;
        }
    }

    private sealed record ErrorBody(string? Error);
}
