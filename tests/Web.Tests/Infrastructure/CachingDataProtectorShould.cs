using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Photocollect.Web.Infrastructure;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Infrastructure;

/// <summary>
/// Data Protection (a real key ring, in memory) behind the cache the product puts in front of it: a payload it opened is
/// opened again without it for a minute, under the same purposes only; what it refuses is never kept; purposes not named
/// are Data Protection's own.
/// </summary>
public sealed class CachingDataProtectorShould
{
    private readonly Counting real = new(new EphemeralDataProtectionProvider());
    private readonly ShiftingClock clock = new();
    private readonly CachingDataProtector root;
    private readonly IDataProtector cookies;

    public CachingDataProtectorShould()
    {
        root = CachingDataProtector.Wrap(real, clock, FrozenSet.ToFrozenSet(["cookies", "antiforgery"], StringComparer.Ordinal));
        cookies = root.CreateProtector("cookies").CreateProtector("v2");
    }

    [Fact]
    public void OpenAPayloadSeenInTheLastMinuteWithoutDecryptingItAgain()
    {
        var sealedTicket = cookies.Protect(Bytes("ticket"));

        Assert.Equal("ticket", Text(cookies.Unprotect(sealedTicket)));
        Assert.Equal("ticket", Text(cookies.Unprotect((byte[])sealedTicket.Clone())));
        Assert.Equal(1, real.Unprotects);

        clock.Advance(CachingDataProtector.Keep + TimeSpan.FromSeconds(1));
        Assert.Equal("ticket", Text(cookies.Unprotect(sealedTicket)));
        Assert.Equal(2, real.Unprotects);
    }

    [Fact]
    public void KeepItsOwnCopiesOfWhatCallersPassAndGet()
    {
        var sealedTicket = cookies.Protect(Bytes("ticket"));
        var passed = (byte[])sealedTicket.Clone();
        var first = cookies.Unprotect(passed);
        first[0] = (byte)'X';
        passed[^1] ^= 1;  // the caller reuses its buffer

        Assert.Equal("ticket", Text(cookies.Unprotect(sealedTicket)));
        Assert.Equal(1, real.Unprotects);
    }

    [Fact]
    public void NeverOpenAPayloadForAnotherPurposeOrOneTamperedWith()
    {
        var sealedTicket = cookies.Protect(Bytes("ticket"));
        Assert.Equal("ticket", Text(cookies.Unprotect(sealedTicket)));

        // Other purposes (one whose text joins the same two words), through the same cache.
        Assert.ThrowsAny<CryptographicException>(() => root.CreateProtector("antiforgery").Unprotect(sealedTicket));
        Assert.ThrowsAny<CryptographicException>(() => root.CreateProtector("cookies\nv2").Unprotect(sealedTicket));
        Assert.ThrowsAny<CryptographicException>(() => root.CreateProtector("cookies").Unprotect(sealedTicket));
        Assert.ThrowsAny<CryptographicException>(() => cookies.CreateProtector("more").Unprotect(sealedTicket));

        var tampered = (byte[])sealedTicket.Clone();
        tampered[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => cookies.Unprotect(tampered));
        Assert.ThrowsAny<CryptographicException>(() => cookies.Unprotect(tampered));  // refused each time: not kept
        Assert.Equal(7, real.Unprotects);
    }

    [Fact]
    public void LeaveEveryOtherPurposeToDataProtection()
    {
        var settings = root.CreateProtector("settings").CreateProtector("school");
        Assert.IsNotType<CachingDataProtector>(settings);
        var sealedSecret = settings.Protect(Bytes("secret"));

        Assert.Equal("secret", Text(settings.Unprotect(sealedSecret)));
        Assert.Equal("secret", Text(settings.Unprotect(sealedSecret)));
        Assert.Equal(2, real.Unprotects);
    }

    [Fact]
    public void EncryptEachPayloadAfresh()
    {
        Assert.NotEqual(cookies.Protect(Bytes("ticket")), cookies.Protect(Bytes("ticket")));
        Assert.Throws<CryptographicException>(() => ((IDataProtector)CachingDataProtector.Wrap(new EphemeralDataProtectionProvider(), clock, CachingDataProtector.SignInPurposes)).Protect(Bytes("x")));
    }

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    private static string Text(byte[] b) => Encoding.UTF8.GetString(b);

    // The real provider, counting the unprotects that reach it.
    private sealed class Counting(IDataProtectionProvider inner) : IDataProtector
    {
        private int unprotects;

        public int Unprotects => unprotects;

        public IDataProtector CreateProtector(string purpose) => new CountingChild(this, inner.CreateProtector(purpose));

        public byte[] Protect(byte[] plaintext) => throw new NotSupportedException();

        public byte[] Unprotect(byte[] protectedData) => throw new NotSupportedException();

        private sealed class CountingChild(Counting root, IDataProtector inner) : IDataProtector
        {
            public IDataProtector CreateProtector(string purpose) => new CountingChild(root, inner.CreateProtector(purpose));

            public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

            public byte[] Unprotect(byte[] protectedData)
            {
                Interlocked.Increment(ref root.unprotects);
                return inner.Unprotect(protectedData);
            }
        }
    }
}
