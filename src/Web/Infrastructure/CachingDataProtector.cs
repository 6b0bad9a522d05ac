using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;

namespace Photocollect.Web.Infrastructure;

/// <summary>
/// Data Protection with what it unprotected for the sign-in cookie, the anti-forgery cookie and the API's bearer tokens
/// kept for a minute: a signed-in browser sends the same cookies with every request, and each unprotect costs a key
/// derivation, an AES decryption and an HMAC (about 15 µs, the largest single cost of a signed-in page in the bench's
/// profiles). Every other purpose (the schools' settings secrets, queue tickets, Identity's tokens) goes straight to
/// Data Protection. Only payloads the inner protector accepted are kept, under the protector's whole purpose chain and
/// the exact protected bytes; a caller gets its own copy. Protecting is not cached (each payload stays freshly
/// encrypted). What this changes: a key revoked in the key ring still opens a payload seen in the last minute (other
/// instances learn of a revocation only when they reload the key ring, every 24 hours). Decision 019.
/// </summary>
public sealed class CachingDataProtector : IDataProtector
{
    /// <summary>How long an unprotected payload is kept.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromMinutes(1);

    /// <summary>Most bytes kept per process (protected and plain; a sign-in cookie and its ticket are about 2 KB).</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    /// <summary>
    /// The first purposes whose payloads are kept: the cookie handler's (the sign-in cookie), anti-forgery's (its
    /// cookie token) and the bearer token handler's (the API's tokens), as ASP.NET Core names them. Were a release to
    /// rename one, its payloads would simply not be kept.
    /// </summary>
    public static readonly FrozenSet<string> SignInPurposes = FrozenSet.ToFrozenSet(
    [
        "Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationMiddleware",
        "Microsoft.AspNetCore.Antiforgery.AntiforgeryToken.v1",
        "Microsoft.AspNetCore.Authentication.BearerToken",
    ], StringComparer.Ordinal);

    private readonly IDataProtectionProvider inner;
    private readonly string purposes;
    private readonly MemoryCache cache;
    private readonly TimeProvider clock;
    private readonly FrozenSet<string> kept;

    private CachingDataProtector(IDataProtectionProvider inner, string purposes, MemoryCache cache, TimeProvider clock, FrozenSet<string> kept)
    {
        this.inner = inner;
        this.purposes = purposes;
        this.cache = cache;
        this.clock = clock;
        this.kept = kept;
    }

    /// <summary>
    /// Wraps the application's root provider: protectors whose first purpose is in <paramref name="keptPurposes"/>
    /// (<see cref="SignInPurposes"/> in the product) share one cache; all others are Data Protection's own.
    /// </summary>
    public static CachingDataProtector Wrap(IDataProtectionProvider root, TimeProvider clock, FrozenSet<string> keptPurposes) =>
        new(root, string.Empty, new MemoryCache(new MemoryCacheOptions { SizeLimit = MaxBytes }), clock, keptPurposes);

    /// <inheritdoc />
    public IDataProtector CreateProtector(string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var protector = inner.CreateProtector(purpose);
        if (purposes.Length == 0 && !kept.Contains(purpose))
        {
            return protector;
        }

        // The purpose chain, each purpose prefixed with its length: no two chains read the same.
        return new CachingDataProtector(protector, $"{purposes}{purpose.Length}:{purpose}", cache, clock, kept);
    }

    /// <inheritdoc />
    public byte[] Protect(byte[] plaintext) => Protector.Protect(plaintext);

    /// <inheritdoc />
    public byte[] Unprotect(byte[] protectedData)
    {
        ArgumentNullException.ThrowIfNull(protectedData);
        var now = clock.GetUtcNow();
        if (cache.TryGetValue(new Payload(purposes, protectedData), out Entry? entry) && entry!.Until > now)
        {
            return (byte[])entry.Plaintext.Clone();
        }

        // Throws CryptographicException for a payload that is not ours, tampered with or under an unknown key:
        // nothing is kept then.
        var plaintext = Protector.Unprotect(protectedData);
        cache.Set(new Payload(purposes, (byte[])protectedData.Clone()), new Entry((byte[])plaintext.Clone(), now + Keep),
            new MemoryCacheEntryOptions { Size = protectedData.Length + plaintext.Length + 100, AbsoluteExpirationRelativeToNow = Keep });
        return plaintext;
    }

    private IDataProtector Protector => inner as IDataProtector
        ?? throw new CryptographicException("This Data Protection provider is not a protector: create one with a purpose.");

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
