using System.Globalization;
using System.Net.Http.Headers;
using Photocollect.BenchKit;

namespace Photocollect.WebBench;

/// <summary>
/// What exists before anything is measured, made from outside as people would make it: the roster imported on the
/// staff roster page by the school admin, and students who signed in on the pages (a cookie) and through the API (a
/// bearer token) and went through the collection by the API, up to the camera or to a paid order. Every request of
/// the set-up must succeed: a failure stops the bench, since the figures after it would measure something else. The
/// students the bench uses are the roster's students whose admission photo shows the face the bench uploads
/// (<see cref="AdmissionFaces"/>): about one in three, so the roster is three times larger than the students used.
/// </summary>
public sealed class Seeder(Traffic traffic, BenchDatabase db, SandboxCashier cashier, Photos photos, AdmissionFaces admission) : IDisposable
{
    /// <summary>The first student number of the bench's roster.</summary>
    public const long FirstNumber = 2099500001;

    private readonly HttpClient provider = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly List<long> usable = [];
    private int students;

    /// <summary>What the demo campaign charges (the first paid order's amount), once a student has paid.</summary>
    public long? PriceFen { get; private set; }

    /// <summary>Imports graduating students on the roster page, as the school admin: as many as it takes to hold
    /// <paramref name="needed"/> whose admission photo shows the bench's face. Returns the roster's size.</summary>
    public async Task<int> ImportRosterAsync(int needed, CancellationToken cancellationToken)
    {
        var count = 0;
        for (; usable.Count < needed; count++)
        {
            var number = FirstNumber + count;
            if (admission.Of(DemoSchool.Beifang.RegistryCode, number.ToString(CultureInfo.InvariantCulture)) == Photos.Face)
            {
                usable.Add(number);
            }
        }

        using var admin = new StaffBrowser(traffic, DemoSchool.Beifang, "admin@beifang.demo", "Demo-2025-pass");
        await admin.SignInAsync(cancellationToken);
        await admin.ImportRosterAsync(FirstNumber, count, cancellationToken);
        var imported = await db.CountAsync($"""SELECT count(*) FROM "Roster" WHERE "StudentNumber" LIKE '{FirstNumber / 100_000}%'""", null, cancellationToken);
        if (imported != count)
        {
            throw new InvalidOperationException($"the roster import wrote {imported} of the bench's {count} students");
        }

        return count;
    }

    /// <summary>The next usable roster student, with a phone of their own, not signed in.</summary>
    public StudentBrowser NextStudent()
    {
        var n = Interlocked.Increment(ref students) - 1;
        return n < usable.Count
            ? new StudentBrowser(traffic, "137" + (20_000_000 + n).ToString(CultureInfo.InvariantCulture), usable[n].ToString(CultureInfo.InvariantCulture))
            : throw new InvalidOperationException("the bench's roster is used up");
    }

    /// <summary><paramref name="count"/> new students signed in on both sides and verified, who read the standards;
    /// with <paramref name="pay"/> they also upload the small photo, submit it and pay (the Sandbox's notification
    /// from the provider).</summary>
    public async Task<IReadOnlyList<StudentBrowser>> PrepareAsync(int count, bool pay, CancellationToken cancellationToken)
    {
        var ready = Enumerable.Range(0, count).Select(_ => NextStudent()).ToList();
        await Parallel.ForEachAsync(ready, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (student, ct) => await PrepareAsync(student, pay, ct));
        return ready;
    }

    /// <summary>The provider's notification that a payment was made, as the Sandbox provider's server sends it.</summary>
    public Task<Answer> NotifyAsync(Guid paymentId, Guid orderId, long amountFen, CancellationToken cancellationToken) =>
        traffic.SendAsync(provider, 0, HttpMethod.Post, DemoSchool.Beifang.Pages + "/pay/notify/sandbox", cashier.PaidContent(paymentId, orderId, amountFen),
            "provider POST /pay/notify/sandbox", true, a => a.Status is >= 200 and < 300 ? null : $"answered {a.Status}", cancellationToken);

    private async Task PrepareAsync(StudentBrowser student, bool pay, CancellationToken cancellationToken)
    {
        var home = StudentBrowser.School.Pages + "/";
        StudentBrowser.Must(await student.OpenSignInAsync(home, cancellationToken));
        StudentBrowser.Must(await student.SendCodeAsync(home, cancellationToken));
        StudentBrowser.Must(await student.SignInAsync(await student.SmsCodeAsync(db, cancellationToken), home, cancellationToken));
        await student.SignInToApiAsync(db, cancellationToken);
        var code = StudentBrowser.School.CollectionCode(student.StudentNumber);
        StudentBrowser.Must(await student.ApiAsync("api POST /collection/code", HttpMethod.Post, "/collection/code", StudentBrowser.Json(new { code }), cancellationToken));
        StudentBrowser.Must(await student.ApiAsync("api POST /collection/verify", HttpMethod.Post, "/collection/verify",
            StudentBrowser.Json(new { featureCode = StudentBrowser.School.FeatureCode }), cancellationToken));
        StudentBrowser.Must(await student.ApiAsync("api POST /collection/standards", HttpMethod.Post, "/collection/standards", StudentBrowser.Json(new { faceConsent = true }), cancellationToken));
        if (!pay)
        {
            return;
        }

        var photo = StudentBrowser.Must(await student.ApiAsync("api POST /collection/photos", HttpMethod.Post, "/collection/photos", () =>
        {
            var file = new ByteArrayContent(photos.Small);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            return new MultipartFormDataContent { { file, "photo", "photo.jpg" } };
        }, cancellationToken)).Json;
        if (!photo.GetProperty("passed").GetBoolean())
        {
            throw new InvalidOperationException("set-up failed: the small photo did not pass the check");
        }

        var order = StudentBrowser.Must(await student.ApiAsync("api POST /collection/photos/{id}/submit", HttpMethod.Post,
            $"/collection/photos/{photo.GetProperty("id").GetGuid()}/submit", null, cancellationToken)).Json;
        var orderId = order.GetProperty("id").GetGuid();
        var payment = StudentBrowser.Must(await student.ApiAsync("api POST /orders/{id}/pay", HttpMethod.Post, $"/orders/{orderId}/pay", null, cancellationToken)).Json;
        var amount = payment.GetProperty("amountFen").GetInt64();
        StudentBrowser.Must(await NotifyAsync(payment.GetProperty("paymentId").GetGuid(), orderId, amount, cancellationToken));
        var paid = StudentBrowser.Must(await student.ApiAsync("api GET /orders/{id}", HttpMethod.Get, $"/orders/{orderId}", null, cancellationToken)).Json;
        if (paid.GetProperty("status").GetString() == "PendingPayment")
        {
            throw new InvalidOperationException("set-up failed: the order is still unpaid after the provider's notification");
        }

        student.OrderId = orderId;
        student.OrderNumber = paid.GetProperty("number").GetString();
        PriceFen ??= amount;
    }

    /// <inheritdoc />
    public void Dispose() => provider.Dispose();
}
