using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;

namespace Photocollect.Web.Infrastructure;

/// <summary>
/// Data Protection with what it unprotected kept for a minute: a signed-in browser sends the same sign-in cookie (and a
/// form page's anti-forgery cookie) with every request, and each unprotect costs a key derivation, an AES decryption
/// and an HMAC (about 15 µs, the largest single cost of a signed-in page in the bench's profiles). Only payloads the
/// inner protector accepted are kept, under the protector's whole purpose chain and the exact protected bytes; a
/// caller gets its own copy. Protecting is not cached (each payload stays freshly encrypted). What this changes: a key
/// revoked in the key ring still opens a payload seen in the last minute (other instances learn of a revocation only
/// when they reload the key ring, every 24 hours). Decision 019.
/// </summary>
public sealed class CachingDataProtector : IDataProtector
{
    /// <summary>How long an unprotected payload is kept.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromMinutes(1);

    /// <summary>Most payloads kept per process (a sign-in cookie and its ticket are about 2 KB: 20 MB at most).</summary>
    public const int MaxEntries = 10_000;

    private readonly IDataProtectionProvider inner;
    private readonly string purposes;
    private readonly MemoryCache cache;
    private readonly TimeProvider clock;

    private CachingDataProtector(IDataProtectionProvider inner, string purposes, MemoryCache cache, TimeProvider clock)
    {
        this.inner = inner;
        this.purposes = purposes;
        this.cache = cache;
        this.clock = clock;
    }

    /// <summary>Wraps the application's root provider (whose protectors all share one cache).</summary>
    public static CachingDataProtector Wrap(IDataProtectionProvider root, TimeProvider clock) =>
        new(root, string.Empty, new MemoryCache(new MemoryCacheOptions { SizeLimit = MaxEntries }), clock);

    /// <inheritdoc />
    public IDataProtector CreateProtector(string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        // The purpose chain, each purpose prefixed with its length: no two chains read the same.
        return new CachingDataProtector(inner.CreateProtector(purpose), $"{purposes}{purpose.Length}:{purpose}", cache, clock);
    }

    /// <inheritdoc />
    public byte[] Protect(byte[] plaintext) => Protector.Protect(plaintext);

    /// <inheritdoc />
    public byte[] Unprotect(byte[] protectedData)
    {
        ArgumentNullException.ThrowIfNull(protectedData);
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(new Payload(purposes, protectedData), out Entry? kept) && kept!.Until > now)
        {
            return (byte[])kept.Plaintext.Clone();
        }

        // Throws CryptographicException for a payload that is not ours, tampered with or under an unknown key:
        // nothing is kept then.
        var plaintext = Protector.Unprotect(protectedData);
        cache.Set(new Payload(purposes, (byte[])protectedData.Clone()), new Entry((byte[])plaintext.Clone(), now + Keep), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Keep });
        return plaintext;
    }

    private IDataProtector Protector => inner as IDataProtector
        ?? throw new CryptographicException("The root Data Protection provider protects nothing itself: create a protector with a purpose.");

    private sealed record Entry(byte[] Plaintext, DateTimeOffset Until);

    // Equality is by content (the hash is .NET's randomized one, so crafted payloads cannot flood one bucket). What
    // is stored holds its own copy of the bytes: the caller's array may be reused.
    private sealed class Payload : IEquatable<Payload>
    {
        private readonly string purposes;
        private readonly byte[] bytes;
        private readonly int hash;

        public Payload(string purposes, byte[] bytes)
        {
            this.purposes = purposes;
            this.bytes = bytes;
            var h = new HashCode();
            h.Add(purposes);
            h.AddBytes(bytes);
            hash = h.ToHashCode();
        }

        public bool Equals(Payload? other) =>
            other is not null && hash == other.hash && purposes == other.purposes && bytes.AsSpan().SequenceEqual(other.bytes);

        public override bool Equals(object? obj) => Equals(obj as Payload);

        public override int GetHashCode() => hash;
    }
}
