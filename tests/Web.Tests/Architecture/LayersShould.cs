using System.Reflection;

namespace Photocollect.Web.Tests.Architecture;

/// <summary>
/// The direction of dependencies (docs/ARCHITECTURE.md): pages and API on top, features below them, persistence and
/// adapters under those, grains, tenancy and the image engine at the core. Project references already forbid cycles;
/// this also forbids a layer reaching sideways or up without a cycle (a feature calling another feature, the data
/// layer calling a feature), which no compiler error would catch.
/// </summary>
public sealed class LayersShould
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Photocollect.Grains"] = [],
        ["Photocollect.Tenancy"] = [],
        ["Photocollect.Vision"] = [],
        ["Photocollect.Data"] = ["Photocollect.Grains", "Photocollect.Tenancy"],
        ["Photocollect.Sms"] = ["Photocollect.Data", "Photocollect.Tenancy"],
        ["Photocollect.Accounts"] = ["Photocollect.Data", "Photocollect.Sms", "Photocollect.Tenancy"],
        ["Photocollect.Collection"] = ["Photocollect.Data", "Photocollect.Grains", "Photocollect.Vision", "Photocollect.Sms", "Photocollect.Accounts", "Photocollect.Tenancy"],
        ["Photocollect.Payments"] = ["Photocollect.Data", "Photocollect.Grains", "Photocollect.Tenancy"],
        ["Photocollect.Delivery"] = ["Photocollect.Data", "Photocollect.Grains", "Photocollect.Vision", "Photocollect.Tenancy"],
    };

    public static TheoryData<string> Projects() => [.. Allowed.Keys];

    [Theory]
    [MemberData(nameof(Projects))]
    public void ReferenceOnlyTheLayersBelow(string project)
    {
        var references = Assembly.Load(project).GetReferencedAssemblies()
            .Select(a => a.Name!).Where(n => n.StartsWith("Photocollect.", StringComparison.Ordinal)).ToList();

        Assert.All(references, r => Assert.Contains(r, Allowed[project]));
    }

    [Fact]
    public void KnowEveryProjectOfTheProduct()
    {
        // A new project under src/ gets its row above, or this fails: every layer is placed on purpose.
        var web = Assembly.Load("Photocollect.Web").GetReferencedAssemblies().Select(a => a.Name!)
            .Where(n => n.StartsWith("Photocollect.", StringComparison.Ordinal));

        Assert.All(web, r => Assert.Contains(r, Allowed.Keys));
    }
}
