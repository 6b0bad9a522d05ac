namespace Photocollect.Web.Infrastructure;

/// <summary>Endpoint metadata: the largest request body the endpoint reads (see <see cref="RequestBodyLimits"/>).</summary>
public interface IBodyLimit
{
    /// <summary>Largest body, in bytes.</summary>
    long MaxBodyBytes { get; }
}
