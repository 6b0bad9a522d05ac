using System.Net.Http.Headers;
using System.Net.Http.Json;
using Photocollect.BenchKit;

namespace Photocollect.QueueBench;

/// <summary>
/// Makes roster students into paid on-site students through the student API, as a phone would: SMS code (read from
/// the dev outbox), token, the collection code CHSI gives them, verification with the feature code, the on-site order
/// (立即支付), payment in the Sandbox and the provider's signed notification. Set-up, not timed: a failed step is
/// tried again twice, then the bench stops. Steps alternate between the instances.
/// </summary>
public sealed class Enrolment(Traffic traffic, BenchDatabase db, DemoSchool school, SandboxCashier cashier, HttpMessageHandler connections) : IDisposable
{
    private readonly HttpClient provider = new(connections, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Enrols roster students <paramref name="firstNumber"/>… in parallel, <paramref name="parallel"/> at a time.</summary>
    public async Task<IReadOnlyList<PaidStudent>> EnrolAsync(int count, long firstNumber, int parallel, CancellationToken cancellationToken)
    {
        var students = new PaidStudent[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken },
            async (i, ct) => students[i] = await EnrolOneAsync(i, (firstNumber + i).ToString(System.Globalization.CultureInfo.InvariantCulture), ct));
        return students;
    }

    private async Task<PaidStudent> EnrolOneAsync(int index, string studentNumber, CancellationToken cancellationToken)
    {
        var phone = "138" + (10_000_000 + index).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var http = new HttpClient(connections, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(30) };
        var step = index;

        async Task<Answer> Must(string what, string path, Func<HttpContent>? content, HttpClient? client = null)
        {
            for (var attempt = 1; ; attempt++)
            {
                var answer = await traffic.SendAsync(client ?? http, step++ % 2, HttpMethod.Post, path, content, what, true, null, cancellationToken);
                if (answer.Ok)
                {
                    return answer;
                }

                if (attempt == 3)
                {
                    throw new InvalidOperationException($"set-up failed for student {studentNumber}: {what}: {answer.Error} {answer.Body}");
                }

                await Task.Delay(500, cancellationToken);
            }
        }

        await Must("api POST /auth/code", school.Api + "/auth/code", Json(new { phone }));
        var code = await db.SmsCodeAsync(phone, 1, cancellationToken);
        var token = (await Must("api POST /auth/token", school.Api + "/auth/token", Json(new { phone, code, agree = true })))
            .Json.GetProperty("accessToken").GetString() ?? throw new InvalidOperationException("no access token");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await Must("api POST /collection/code", school.Api + "/collection/code", Json(new { code = school.CollectionCode(studentNumber) }));
        await Must("api POST /collection/verify", school.Api + "/collection/verify", Json(new { featureCode = school.FeatureCode }));
        var orderId = (await Must("api POST /offline/orders", school.Api + "/offline/orders", null)).Json.GetProperty("id").GetGuid();
        var pay = (await Must("api POST /orders/{id}/pay", $"{school.Api}/orders/{orderId}/pay", null)).Json;
        var notification = cashier.PaidContent(pay.GetProperty("paymentId").GetGuid(), orderId, pay.GetProperty("amountFen").GetInt64());
        await Must("provider POST /pay/notify/sandbox", school.Pages + "/pay/notify/sandbox", notification, provider);
        return new PaidStudent(index, phone, token, orderId, http);
    }

    /// <inheritdoc />
    public void Dispose() => provider.Dispose();

    private static Func<HttpContent> Json<T>(T value) => () => JsonContent.Create(value);
}
