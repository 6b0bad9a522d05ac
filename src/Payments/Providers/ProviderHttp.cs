using System.Net;

namespace Photocollect.Payments;

/// <summary>
/// Sends a provider request with retries: a timeout, a network error, a 5xx or a 429 is tried again after a growing
/// pause (the request is made anew each time, so signatures and nonces are fresh). Only requests that are safe to
/// repeat come here: queries, and writes the provider deduplicates (the same merchant order or refund number). Stripe
/// calls do not: Stripe.net retries them itself (<see cref="StripeProvider"/>), and two layers would multiply the tries.
/// </summary>
public static class ProviderHttp
{
    /// <summary>Tries before giving up.</summary>
    public const int Attempts = 3;

    /// <summary>The pause before the second try; it doubles each time.</summary>
    public static TimeSpan FirstPause { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Sends and reads the answer; throws a transient <see cref="PaymentProviderException"/> when every try failed.</summary>
    public static async Task<(HttpStatusCode Status, HttpResponseMessage Response, string Body)> SendAsync(
        HttpClient http, Func<HttpRequestMessage> request, string provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(request);
        var pause = FirstPause;
        string? last = null;
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(pause, cancellationToken);
                pause *= 2;
            }

            try
            {
                using var message = request();
                var response = await http.SendAsync(message, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                if ((int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    last = $"{provider} answered {(int)response.StatusCode}";
                    response.Dispose();
                    continue;
                }

                return (response.StatusCode, response, body);
            }
            catch (HttpRequestException e)
            {
                last = $"{provider} unreachable: {e.HttpRequestError}";
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = $"{provider} timed out";
            }
        }

        throw new PaymentProviderException(last ?? provider, transient: true);
    }
}
