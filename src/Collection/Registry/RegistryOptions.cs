using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Photocollect.Collection.Registry;

/// <summary>The simulator's configuration (<c>Photocollect:Registry</c>).</summary>
public sealed class RegistryOptions
{
    /// <summary>HMAC key of simulated codes (UTF-8). Any deployment that issues demo codes sets its own.</summary>
    public string SimulatorKey { get; set; } = "photocollect-registry-simulator-dev-key";

    /// <summary>How long an issued code is valid.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Folder of face photos served as admission photos; default <c>$PHOTOCOLLECT_SHARED/data/faces</c>.</summary>
    public string? FacesDirectory { get; set; }

    /// <summary>The key's bytes.</summary>
    public byte[] Key => Encoding.UTF8.GetBytes(SimulatorKey);

    /// <summary>The faces folder, or null when there is none.</summary>
    public string? Faces => FacesDirectory ?? (Environment.GetEnvironmentVariable("PHOTOCOLLECT_SHARED") is { Length: > 0 } shared
        ? Path.Combine(shared, "data", "faces")
        : null);
}
