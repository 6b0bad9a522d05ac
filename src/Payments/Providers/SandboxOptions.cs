
namespace Photocollect.Payments;

/// <summary>The Sandbox provider's settings (<c>Photocollect:Payments:Sandbox</c>).</summary>
public sealed class SandboxOptions
{
    /// <summary>Key of the sandbox's notification signatures.</summary>
    public string Secret { get; set; } = "photocollect-sandbox-dev-secret";
}
