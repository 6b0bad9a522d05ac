using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Photocollect.Web.Infrastructure;

/// <summary>Development helpers (SMS outbox page). Off unless configured.</summary>
public sealed class DevToolsOptions
{
    /// <summary>Serve <c>/dev/...</c> pages.</summary>
    public bool Enabled { get; set; }
}
