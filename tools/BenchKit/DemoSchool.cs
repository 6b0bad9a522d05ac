using System.Security.Cryptography;
using Photocollect.Collection.Registry;

namespace Photocollect.BenchKit;

/// <summary>
/// A school of the demo seed (DemoSeeder) as a bench drives it from outside: where its pages and API are, and what
/// CHSI would give its roster students (collection codes in the registry simulator's signed format, default key).
/// </summary>
/// <param name="Slug">Path segment.</param>
/// <param name="RegistryCode">The school's code in the registry.</param>
/// <param name="FeatureCode">The open graduation campaign's feature code.</param>
public sealed record DemoSchool(string Slug, string RegistryCode, string FeatureCode)
{
    /// <summary>北方示范大学: online collection only.</summary>
    public static readonly DemoSchool Beifang = new("beifang", "100001", "sv8s65");

    /// <summary>南湖师范学院: online and on-site collection, sessions today and tomorrow.</summary>
    public static readonly DemoSchool Nanhu = new("nanhu", "100002", "nh27a9");

    /// <summary>Pages under the school.</summary>
    public string Pages => "/s/" + Slug;

    /// <summary>The student API under the school.</summary>
    public string Api => Pages + "/api/v1";

    /// <summary>The collection code CHSI would give a roster student.</summary>
    public string CollectionCode(string studentNumber) =>
        CollectionCodes.Issue(
            new CodePayload(RegistryCode, studentNumber, DateTimeOffset.UtcNow.AddDays(1), Convert.ToHexString(RandomNumberGenerator.GetBytes(6))),
            new RegistryOptions().Key);
}
