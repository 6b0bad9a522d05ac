using Microsoft.AspNetCore.Identity;

namespace Photocollect.Accounts;

/// <summary>The service agreement a student accepts before the phone is verified.</summary>
public static class ServiceAgreement
{
    /// <summary>Current version; stored on the account with the time of acceptance.</summary>
    public const string Version = "2025-09";
}
