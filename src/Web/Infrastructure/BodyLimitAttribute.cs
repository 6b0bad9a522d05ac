namespace Photocollect.Web.Infrastructure;

/// <summary>A body limit for an endpoint that is not an upload, smaller or larger than the site's default.</summary>
/// <param name="maxBodyBytes">Largest body, in bytes.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class BodyLimitAttribute(long maxBodyBytes) : Attribute, IBodyLimit
{
    /// <inheritdoc />
    public long MaxBodyBytes { get; } = maxBodyBytes;
}
