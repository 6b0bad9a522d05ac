using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Photocollect.Web.Infrastructure;
using Photocollect.Web.Tests.TestKit;

namespace Photocollect.Web.Tests.Infrastructure;

/// <summary>
/// The product's Data Protection as the cookie handler, anti-forgery and the bearer tokens get it: behind the cache for
/// their purposes, Data Protection's own for the schools' settings and the queue tickets.
/// </summary>
public sealed class DataProtectionWiringShould(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public void KeepOnlyTheSignInPurposes()
    {
        var provider = app.Services.GetRequiredService<IDataProtectionProvider>();

        Assert.IsType<CachingDataProtector>(provider);
        foreach (var purpose in CachingDataProtector.SignInPurposes)
        {
            Assert.IsType<CachingDataProtector>(provider.CreateProtector(purpose));
        }

        Assert.IsNotType<CachingDataProtector>(provider.CreateProtector("Photocollect.TenantSettings"));
        Assert.IsNotType<CachingDataProtector>(provider.CreateProtector("Photocollect.Offline.QueueTicket.v1"));
    }
}
