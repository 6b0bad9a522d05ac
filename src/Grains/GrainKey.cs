namespace Photocollect.Grains;

/// <summary>
/// The key of a per-student or per-session grain: <c>{tenantId}/{id}</c>, as Orleans samples key grains by string.
/// The tenant comes first so a key can never address another school's state by accident.
/// </summary>
/// <param name="TenantId">The school.</param>
/// <param name="Id">The student, order or session within the school.</param>
public readonly record struct GrainKey(Guid TenantId, string Id)
{
    /// <summary>Longest id accepted.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Creates a key, checking both parts.</summary>
    public static GrainKey Create(Guid tenantId, string id) =>
        TryCreate(tenantId, id, out var key) ? key : throw new ArgumentException($"Not a valid grain key part: '{id}'.", nameof(id));

    /// <summary>Parses <c>{tenantId}/{id}</c>.</summary>
    public static bool TryParse(string? text, out GrainKey key)
    {
        key = default;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash > 0
            && Guid.TryParseExact(text![..slash], "D", out var tenant)
            && TryCreate(tenant, text[(slash + 1)..], out key);
    }

    /// <summary>Parses <c>{tenantId}/{id}</c> or throws <see cref="FormatException"/>.</summary>
    public static GrainKey Parse(string text) =>
        TryParse(text, out var key) ? key : throw new FormatException($"Not a grain key: '{text}'.");

    /// <inheritdoc />
    public override string ToString() => $"{TenantId:D}/{Id}";

    private static bool TryCreate(Guid tenantId, string? id, out GrainKey key)
    {
        key = default;
        if (tenantId == Guid.Empty || string.IsNullOrEmpty(id) || id.Length > MaxIdLength
            || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            return false;
        }

        key = new GrainKey(tenantId, id);
        return true;
    }
}
