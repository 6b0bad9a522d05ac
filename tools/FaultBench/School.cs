using System.Security.Cryptography;
using Photocollect.Collection.Registry;
using Photocollect.Data;
using Photocollect.Payments;

namespace Photocollect.FaultBench;

/// <summary>
/// The demo school the load runs at (北方示范大学), and what stands outside the product for it: CHSI issuing
/// collection codes (the registry simulator's signed format and default key) and the Sandbox provider's cashier
/// sending signed notifications (its default secret).
/// </summary>
public sealed class School(Guid tenantId, byte[] photo)
{
    /// <summary>Path segment.</summary>
    public const string Slug = "beifang";

    /// <summary>The demo campaign's feature code (DemoSeeder).</summary>
    public const string FeatureCode = "sv8s65";

    /// <summary>The school's code in the registry (DemoSeeder).</summary>
    public const string SchoolCode = "100001";

    /// <summary>Pages under the school.</summary>
    public const string Pages = "/s/" + Slug;

    /// <summary>The student API under the school.</summary>
    public const string Api = Pages + "/api/v1";

    private readonly SandboxProvider sandbox = new(tenantId, new SandboxOptions().Secret);

    /// <summary>The photo every student uploads: a phone photo that passes every check (tests' Faces.GoodPhoto).</summary>
    public byte[] Photo { get; } = photo;

    /// <summary>The collection code CHSI would give a roster student.</summary>
    public static string CollectionCode(string studentNumber) =>
        CollectionCodes.Issue(
            new CodePayload(SchoolCode, studentNumber, DateTimeOffset.UtcNow.AddDays(1), Convert.ToHexString(RandomNumberGenerator.GetBytes(6))),
            new RegistryOptions().Key);

    /// <summary>The Sandbox cashier's "paid" notification for a payment, and its signature.</summary>
    public (string Body, string Signature) Paid(Guid paymentId, Guid orderId, long amountFen) =>
        sandbox.Notification(new Payment { Id = paymentId, TenantId = tenantId, OrderId = orderId, Provider = "sandbox", AmountFen = amountFen, Currency = "CNY" }, paid: true);
}
