using System.Text.Json;
using System.Text.Json.Nodes;

namespace Photocollect.Sms;

/// <summary>HTTP plumbing shared by the provider senders.</summary>
internal static class SmsHttp
{
    public static string Required(string? value, string name, string provider) =>
        string.IsNullOrWhiteSpace(value) ? throw new SmsSendException($"{provider} SMS setting {name} is missing.") : value;

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string provider, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new SmsSendException($"{provider} could not be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SmsSendException($"{provider} did not answer in time.", e);
        }
    }

    public static JsonNode ParseJson(string body, string provider)
    {
        try
        {
            return JsonNode.Parse(body) ?? throw new SmsSendException($"{provider} answered with an empty body.");
        }
        catch (JsonException e)
        {
            throw new SmsSendException($"{provider} answered with a body that is not JSON.", e);
        }
    }
}
