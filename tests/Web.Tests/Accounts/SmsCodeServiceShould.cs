using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Accounts.SmsLogin;
using Photocollect.Data;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Accounts;

/// <summary>Each test uses its own phone and client address, so limits never leak between tests.</summary>
public sealed class SmsCodeServiceShould(AppFactory app) : IClassFixture<AppFactory>
{
    private readonly string _phone = AppFactory.NewPhone();
    private readonly string _ip = "10.9." + Random.Shared.Next(0, 255) + "." + Random.Shared.Next(1, 255);

    [Fact]
    public async Task SendASixDigitCodeThatSignsInOnce()
    {
        Assert.Equal(SendCodeStatus.Sent, (await SendAsync()).Status);
        var code = await LastCodeAsync();

        Assert.Matches("^[0-9]{6}$", code);
        Assert.Equal(VerifyCodeStatus.Verified, (await VerifyAsync(code)).Status);
        Assert.Equal(VerifyCodeStatus.NoActiveCode, (await VerifyAsync(code)).Status);
    }

    [Theory]
    [InlineData("+86 139-1234-5678")]
    [InlineData("0086 13912345678")]
    [InlineData(" 139 1234 5678 ")]
    public async Task AcceptNumbersAsPeopleTypeThem(string typed)
    {
        var result = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<SmsCodeService>().VerifyAsync(typed, "000000", default));

        Assert.Equal("13912345678", result.Phone);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1391234567")]
    [InlineData("139123456789")]
    [InlineData("12912345678")]
    [InlineData("23912345678")]
    [InlineData("1391234567a")]
    [InlineData("+1 650 253 0000")]
    [InlineData("１３９１２３４５６７８")]
    [InlineData("1391234567813912345678139123456781391234567813912345678")]
    public async Task RefuseMalformedPhonesWithoutStoringAnything(string phone)
    {
        var result = await app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<SmsCodeService>().SendAsync(phone, _ip, default));

        Assert.Equal(SendCodeStatus.InvalidPhone, result.Status);
        Assert.Equal(0, await CountCodesAsync(c => c.RequestIp == _ip));
    }

    [Fact]
    public async Task RefuseASecondCodeWithinSixtySecondsAndSayHowLongToWait()
    {
        await SendAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(20));

        var second = await SendAsync();

        Assert.Equal(SendCodeStatus.TooSoon, second.Status);
        Assert.InRange(second.RetryAfter.TotalSeconds, 35, 40.5);
        Assert.Equal(1, await CountCodesAsync(c => c.Phone == _phone));
    }

    [Fact]
    public async Task AllowTenCodesPerPhonePerDay()
    {
        // The limit is per China calendar day: eleven sends a minute apart must not straddle its midnight (a run
        // started at 23:50 China time saw the eleventh allowed on the new day).
        var china = app.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var toMidnight = china.Date.AddDays(1) - china.DateTime;
        if (toMidnight < TimeSpan.FromMinutes(15))
        {
            app.Clock.Advance(toMidnight + TimeSpan.FromMinutes(1));
        }

        var results = new List<SendCodeStatus>();
        for (var i = 0; i < 11; i++)
        {
            results.Add((await SendAsync(ip: $"10.8.{i}.1")).Status);
            app.Clock.Advance(TimeSpan.FromSeconds(61));
        }

        Assert.Equal(Enumerable.Repeat(SendCodeStatus.Sent, 10), results.Take(10));
        Assert.Equal(SendCodeStatus.PhoneDailyLimit, results[10]);
    }

    [Fact]
    public async Task LetACampusBehindOneAddressSignInTogether()
    {
        // A hundred students of two schools, one NAT, within a minute: each gets a code (this used to stop at 20).
        var statuses = new List<SendCodeStatus>();
        for (var i = 0; i < 100; i++)
        {
            statuses.Add((await app.InSchoolAsync(i % 2 == 0 ? AppFactory.A : AppFactory.B, sp =>
                sp.GetRequiredService<SmsCodeService>().SendAsync(AppFactory.NewPhone(), _ip, default))).Status);
        }

        Assert.All(statuses, s => Assert.Equal(SendCodeStatus.Sent, s));
    }

    [Fact]
    public async Task StopAScriptSprayingNumbersFromOneAddressAcrossSchools()
    {
        var options = app.Services.GetRequiredService<SmsCodeOptions>();
        var statuses = new List<SendCodeStatus>();
        for (var i = 0; i <= options.PerAddressPerMinute; i++)
        {
            var school = i % 2 == 0 ? AppFactory.A : AppFactory.B;
            statuses.Add((await app.InSchoolAsync(school, sp =>
                sp.GetRequiredService<SmsCodeService>().SendAsync(AppFactory.NewPhone(), _ip, default))).Status);
        }

        Assert.All(statuses.Take(options.PerAddressPerMinute), s => Assert.Equal(SendCodeStatus.Sent, s));
        Assert.Equal(SendCodeStatus.IpLimit, statuses[^1]);
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(SendCodeStatus.Sent, (await app.InSchoolAsync(AppFactory.A, sp =>
            sp.GetRequiredService<SmsCodeService>().SendAsync(AppFactory.NewPhone(), _ip, default))).Status);
    }

    [Fact]
    public async Task LockACodeAfterFiveWrongEntries()
    {
        await SendAsync();
        var code = await LastCodeAsync();
        var wrong = code == "000000" ? "111111" : "000000";

        var remaining = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var result = await VerifyAsync(wrong);
            Assert.Equal(VerifyCodeStatus.Wrong, result.Status);
            remaining.Add(result.RemainingAttempts);
        }

        Assert.Equal([4, 3, 2, 1], remaining);
        Assert.Equal(VerifyCodeStatus.Locked, (await VerifyAsync(wrong)).Status);
        Assert.Equal(VerifyCodeStatus.Locked, (await VerifyAsync(code)).Status);
    }

    [Fact]
    public async Task RefuseACodeAfterFiveMinutes()
    {
        await SendAsync();
        var code = await LastCodeAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));

        Assert.Equal(VerifyCodeStatus.NoActiveCode, (await VerifyAsync(code)).Status);
    }

    [Fact]
    public async Task AcceptOnlyTheNewestCode()
    {
        await SendAsync();
        var first = await LastCodeAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        await SendAsync();
        var second = await LastCodeAsync();

        if (first != second)
        {
            Assert.Equal(VerifyCodeStatus.Wrong, (await VerifyAsync(first)).Status);
        }

        Assert.Equal(VerifyCodeStatus.Verified, (await VerifyAsync(second)).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    [InlineData("１２３４５６")]
    public async Task NotCountMalformedCodesAsAttempts(string? code)
    {
        await SendAsync();

        Assert.Equal(VerifyCodeStatus.Malformed, (await VerifyAsync(code)).Status);
        Assert.Equal(0, await app.InSchoolAsync(AppFactory.A, sp =>
            sp.GetRequiredService<AppDbContext>().SmsCodes.Where(c => c.Phone == _phone).Select(c => c.FailedAttempts).SingleAsync()));
    }

    [Fact]
    public async Task LetOnlyOneOfManyConcurrentLoginsWithOneCodeSucceed()
    {
        await SendAsync();
        var code = await LastCodeAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => VerifyAsync(code))));

        Assert.Single(results, r => r.Status == VerifyCodeStatus.Verified);
    }

    [Fact]
    public async Task SendOnlyOneCodeForConcurrentRequestsOfOnePhone()
    {
        _ = app.Services;  // the app started once, before the race: the factory starts one host per first caller
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => SendAsync(ip: $"10.7.{i}.1"))));

        Assert.Single(results, r => r.Status == SendCodeStatus.Sent);
        Assert.Equal(1, await CountCodesAsync(c => c.Phone == _phone));
    }

    [Fact]
    public async Task KeepCodesOfOneSchoolOutOfAnother()
    {
        await SendAsync();
        var code = await LastCodeAsync();

        var atOther = await app.InSchoolAsync(AppFactory.B, sp => sp.GetRequiredService<SmsCodeService>().VerifyAsync(_phone, code, default));

        Assert.Equal(VerifyCodeStatus.NoActiveCode, atOther.Status);
    }

    private Task<SendCodeResult> SendAsync(string? ip = null) =>
        app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<SmsCodeService>().SendAsync(_phone, ip ?? _ip, default));

    private Task<VerifyCodeResult> VerifyAsync(string? code) =>
        app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<SmsCodeService>().VerifyAsync(_phone, code, default));

    private Task<int> CountCodesAsync(System.Linq.Expressions.Expression<Func<SmsCode, bool>> predicate) =>
        app.InSchoolAsync(AppFactory.A, sp => sp.GetRequiredService<AppDbContext>().SmsCodes
            .IgnoreQueryFilters([Photocollect.Tenancy.Data.TenantModelBuilderExtensions.FilterName]).CountAsync(predicate));

    /// <summary>The code as the dev outbox delivered it (the database keeps only a hash).</summary>
    private Task<string> LastCodeAsync() => app.LatestCodeAsync(AppFactory.A, _phone);
}
