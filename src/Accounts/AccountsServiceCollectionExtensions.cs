using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Photocollect.Accounts.SmsLogin;
using Photocollect.Data;

namespace Photocollect.Accounts;

/// <summary>Registers accounts and sign-in.</summary>
public static class AccountsServiceCollectionExtensions
{
    /// <summary>
    /// Identity on the product's database (staff: e-mail and password, guessing slowed by <see cref="SignInThrottle"/>,
    /// lockout only after five failed second-factor codes; students: phone and SMS code), the school claim and the policies that compare it with the request's school. The host adds the
    /// cookie and bearer schemes, and an <see cref="Microsoft.Extensions.Localization.IStringLocalizer"/> for the SMS text.
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<AppUser, IdentityRole<Guid>>(o =>
            {
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters += "+";
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 10;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddClaimsPrincipalFactory<TenantClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();
        services.AddAuthorizationBuilder().AddPhotocollectPolicies();
        services.AddSingleton<IAuthorizationHandler, SameTenantHandler>();
        services.AddSingleton(configuration.GetSection("SmsCodes").Get<SmsCodeOptions>() ?? new SmsCodeOptions());
        services.AddScoped<SmsCodeService>();
        services.AddScoped<StudentAccounts>();
        services.AddScoped<Invites.StaffInvites>();
        services.AddScoped<SignInThrottle>();
        services.AddMemoryCache();
        services.AddSingleton<SessionStamps>();
        return services;
    }
}
