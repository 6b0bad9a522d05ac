using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Photocollect.Web.Seeding;

/// <summary>Demo data switch and password. Bound from <c>Photocollect:Demo</c>.</summary>
public sealed class DemoSeedOptions
{
    /// <summary>Seed the demo schools and accounts at start-up (idempotent).</summary>
    public bool Seed { get; set; }

    /// <summary>Password of every demo staff account.</summary>
    public string Password { get; set; } = "Demo-2025-pass";
}
