using Photocollect.BenchKit;

namespace Photocollect.FaultBench;

/// <summary>
/// The demo school the load runs at (北方示范大学), and what stands outside the product for it: CHSI issuing
/// collection codes and the Sandbox provider's cashier sending signed notifications.
/// </summary>
public sealed class School(Guid tenantId, byte[] photo)
{
    /// <summary>The school.</summary>
    public static DemoSchool Demo => DemoSchool.Beifang;

    /// <summary>Path segment.</summary>
    public static string Slug => Demo.Slug;

    /// <summary>The demo campaign's feature code.</summary>
    public static string FeatureCode => Demo.FeatureCode;

    /// <summary>Pages under the school.</summary>
    public static string Pages => Demo.Pages;

    /// <summary>The student API under the school.</summary>
    public static string Api => Demo.Api;

    /// <summary>The school's Sandbox cashier.</summary>
    public SandboxCashier Cashier { get; } = new(tenantId);

    /// <summary>The photo every student uploads: a phone photo that passes every check (tests' Faces.GoodPhoto).</summary>
    public byte[] Photo { get; } = photo;

    /// <summary>The collection code CHSI would give a roster student.</summary>
    public static string CollectionCode(string studentNumber) => Demo.CollectionCode(studentNumber);
}
