using System.Net;

namespace Photocollect.Web.Silo;

/// <summary>How this instance's silo joins the cluster (configuration section <c>Orleans</c>).</summary>
public sealed class SiloSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Orleans";

    /// <summary>
    /// <c>Postgres</c> (default): silos find each other through the membership table in the product's database, so any
    /// number of instances on any machines form one cluster. <c>Localhost</c>: a lone silo that needs no table.
    /// </summary>
    public string Clustering { get; set; } = "Postgres";

    /// <summary>Where the membership table and reminders are; the product's own database when unset (the usual case).</summary>
    public string? ClusteringConnectionString { get; set; }

    /// <summary>Instances that share a database and a cluster id form one cluster.</summary>
    public string ClusterId { get; set; } = "photocollect";

    /// <summary>Names the service across deployments; reminders are stored under it.</summary>
    public string ServiceId { get; set; } = "photocollect";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Port for external Orleans clients (none today; kept for tools such as dashboards); 0 turns it off.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at (the pod's IP in Kubernetes); loopback when unset.</summary>
    public string? AdvertisedIP { get; set; }

    /// <summary>How long a silo may miss probes before the others declare it dead; short, so that the grains of a
    /// killed instance come back on the others within seconds (measured in docs/benchmarks.md).</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The address to advertise.</summary>
    public IPAddress Address => string.IsNullOrWhiteSpace(AdvertisedIP) ? IPAddress.Loopback : IPAddress.Parse(AdvertisedIP);

    /// <summary>True for the membership table in PostgreSQL.</summary>
    public bool UsesDatabase => !string.Equals(Clustering, "Localhost", StringComparison.OrdinalIgnoreCase);
}
