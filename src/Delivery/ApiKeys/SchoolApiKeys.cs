using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Photocollect.Data;

namespace Photocollect.Delivery.ApiKeys;

/// <summary>
/// The keys a school's own systems call its read-only API with (<see cref="SchoolApiKey"/>). A key is
/// <c>pcs_</c> and 32 random bytes in base64url, handed out once when it is made; only its SHA-256 and its first
/// characters are kept, so neither the database nor a log can give it back. Every lookup is inside the current
/// school (the tenant filter), so a key of one school is unknown at another.
/// </summary>
public sealed class SchoolApiKeys(AppDbContext db, AuditTrail audit, TimeProvider clock)
{
    /// <summary>Every key begins with this.</summary>
    public const string KeyPrefix = "pcs_";

    /// <summary>Longest name.</summary>
    public const int MaxName = 50;

    /// <summary>Characters of the key kept to tell keys apart (the prefix and 8 more).</summary>
    public const int ShownLength = 12;

    // 32 bytes are 43 base64url characters (no padding).
    private static readonly int KeyLength = KeyPrefix.Length + Base64Url.GetEncodedLength(32);

    // Writing LastUsedAt on every call would make each read a write; once a minute is enough to see a key is in use.
    private static readonly TimeSpan UsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>A key just made: its row and the key itself, which exists nowhere else.</summary>
    public sealed record CreatedKey(SchoolApiKey Row, string Key);

    /// <summary>True for a name of 1 to <see cref="MaxName"/> characters once trimmed.</summary>
    public static bool IsValidName(string? name) => name?.Trim().Length is > 0 and <= MaxName;

    /// <summary>Makes a key named <paramref name="name"/>, or returns null when the name is empty or too long.</summary>
    public async Task<CreatedKey?> CreateAsync(string? name, Guid createdBy, CancellationToken cancellationToken)
    {
        if (!IsValidName(name))
        {
            return null;
        }

        var key = KeyPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var row = new SchoolApiKey
        {
            Id = Guid.CreateVersion7(),
            Name = name!.Trim(),
            Prefix = key[..ShownLength],
            Hash = Hash(key),
            CreatedBy = createdBy,
            CreatedAt = clock.GetUtcNow(),
        };
        db.SchoolApiKeys.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditActions.KeyCreated, row.Prefix, new { name = row.Name }, cancellationToken);
        return new CreatedKey(row, key);
    }

    /// <summary>The school's keys, working ones first, newest first.</summary>
    public async Task<IReadOnlyList<SchoolApiKey>> ListAsync(CancellationToken cancellationToken) =>
        await db.SchoolApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);

    /// <summary>
    /// Revokes a key and returns it; a key revoked before stays revoked as it was. Null when the school has no such key.
    /// </summary>
    public async Task<SchoolApiKey?> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var revoked = await db.SchoolApiKeys.Where(k => k.Id == id && k.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken);
        var key = await db.SchoolApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (revoked > 0 && key is not null)
        {
            await audit.RecordAsync(AuditActions.KeyRevoked, key.Prefix, new { name = key.Name }, cancellationToken);
        }

        return key;
    }

    /// <summary>
    /// The id of the school's working key <paramref name="key"/>, or null for a malformed, unknown or revoked key.
    /// Notes the use, at most once a minute per key.
    /// </summary>
    public async Task<Guid?> AuthenticateAsync(string? key, CancellationToken cancellationToken)
    {
        if (key is null || key.Length != KeyLength || !key.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = Hash(key);
        var found = await db.SchoolApiKeys.AsNoTracking().Where(k => k.Hash == hash)
            .Select(k => new { k.Id, k.Hash, k.RevokedAt, k.LastUsedAt }).SingleOrDefaultAsync(cancellationToken);
        if (found is null || found.RevokedAt is not null || !CryptographicOperations.FixedTimeEquals(found.Hash, hash))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (found.LastUsedAt is null || now - found.LastUsedAt >= UsedResolution)
        {
            var before = now - UsedResolution;
            await db.SchoolApiKeys.Where(k => k.Id == found.Id && (k.LastUsedAt == null || k.LastUsedAt <= before))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        return found.Id;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
