using System.Globalization;
using System.Text.RegularExpressions;
using Photocollect.Deployment.Tests.Support;
using Photocollect.Web;
using Photocollect.Collection;

namespace Photocollect.Deployment.Tests;

/// <summary>
/// charts/photocollect, rendered here by the test's own engine for the Go-template subset the chart uses (no helm
/// binary is available): what a person would otherwise check by reading `helm template` output.
/// </summary>
public sealed partial class ChartShould
{
    /// <summary>The values every rendering adds: the chart refuses to render without some database secret.</summary>
    private const string WithConnectionString = "database: { connectionString: 'Host=db;Database=photocollect' }";

    private static readonly HelmChart Chart = HelmChart.Photocollect;

    [Fact]
    public void DefineEveryValueItsTemplatesRead()
    {
        var missing = Chart.ValuePaths()
            .Where(p => !Defined(Chart.Values, p.Key))
            .Select(p => $".Values{p.Key} (in {string.Join(", ", p.Value)})")
            .ToList();

        Assert.NotEmpty(Chart.ValuePaths());
        Assert.True(missing.Count == 0, "used in templates but not in values.yaml:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void IncludeOnlyTemplatesItDefines()
    {
        var (used, defined) = Chart.TemplateNames();

        Assert.Empty(used.Except(defined));
        // A helper nobody includes is dead weight that still looks authoritative.
        Assert.Empty(defined.Except(used));
    }

    [Fact]
    public void NameItselfAfterItsFolder()
    {
        Assert.Equal("v2", Chart.Metadata["apiVersion"]);
        Assert.Equal(Chart.Name, Chart.Metadata["name"]);
        Assert.Matches(@"^\d+\.\d+\.\d+$", (string)Chart.Metadata["version"]!);
        Assert.IsType<string>(Chart.Metadata["appVersion"]);
    }

    [Fact]
    public void RefuseToRenderWithoutADatabaseSecret()
    {
        var refusal = Assert.Throws<TemplateException>(() => Chart.Render());

        Assert.Contains("database.existingSecret", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderEveryObjectOfAnInstall()
    {
        var rendering = Chart.Render(WithConnectionString);

        Assert.Equal(
            ["Deployment", "Ingress", "PodDisruptionBudget", "Secret", "Service", "ServiceAccount"],
            rendering.Manifests.Select(m => (string)m.Body["kind"]!).Order(StringComparer.Ordinal));
        Assert.All(rendering.Manifests, m => Assert.StartsWith(HelmChart.ReleaseName + "-", m.Name, StringComparison.Ordinal));
        Assert.Contains("/healthz", rendering.Notes, StringComparison.Ordinal);
    }

    [Fact]
    public void RunTwoReplicasSpreadOverNodes()
    {
        var rendering = Chart.Render(WithConnectionString);
        var deployment = rendering.One("Deployment");

        Assert.Equal(2L, deployment.At("spec.replicas"));
        var preferred = deployment.Maps("spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution");
        Assert.Equal("kubernetes.io/hostname", Assert.Single(preferred).Text("podAffinityTerm.topologyKey"));
        Assert.Equal(0L, deployment.At("spec.strategy.rollingUpdate.maxUnavailable"));
    }

    [Fact]
    public void AgreeOnPortsBetweenContainerServiceAndOrleans()
    {
        var rendering = Chart.Render(WithConnectionString);
        var ports = rendering.ContainerPorts;
        var env = rendering.Env;

        Assert.Equal(["gateway", "http", "silo"], ports.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ports["http"].ToString(CultureInfo.InvariantCulture), env["ASPNETCORE_HTTP_PORTS"].Text("value"));
        Assert.Equal(ports["silo"].ToString(CultureInfo.InvariantCulture), env["Orleans__SiloPort"].Text("value"));
        Assert.Equal(ports["gateway"].ToString(CultureInfo.InvariantCulture), env["Orleans__GatewayPort"].Text("value"));

        var service = rendering.One("Service");
        var servicePort = Assert.Single(service.Maps("spec.ports"));
        Assert.Contains(servicePort.Text("targetPort")!, ports.Keys);
        Assert.Equal(rendering.One("Deployment").Map("spec.selector.matchLabels"), service.Map("spec.selector"));
    }

    [Fact]
    public void MovePortsTogetherWhenValuesChangeThem()
    {
        var rendering = Chart.Render(WithConnectionString + "\nhttp: { port: 9090 }\norleans: { siloPort: 11112, gatewayPort: 30001 }");

        Assert.Equal(9090L, rendering.ContainerPorts["http"]);
        Assert.Equal("9090", rendering.Env["ASPNETCORE_HTTP_PORTS"].Text("value"));
        Assert.Equal("11112", rendering.Env["Orleans__SiloPort"].Text("value"));
        Assert.Equal("30001", rendering.Env["Orleans__GatewayPort"].Text("value"));
    }

    [Fact]
    public void ProbeTheAppsHealthEndpoint()
    {
        var rendering = Chart.Render(WithConnectionString);
        var container = rendering.Container;

        foreach (var probe in new[] { "startupProbe", "readinessProbe", "livenessProbe" })
        {
            Assert.Equal(PhotocollectWebExtensions.HealthPath, container.Text($"{probe}.httpGet.path"));
            Assert.Contains(container.Text($"{probe}.httpGet.port")!, rendering.ContainerPorts.Keys);
        }

        // The health check reads the database: liveness gives a slow database minutes, readiness reacts sooner.
        var liveness = Seconds(container, "livenessProbe");
        Assert.True(liveness >= 120, $"liveness restarts a pod after {liveness} s of failures");
        Assert.True(liveness > Seconds(container, "readinessProbe"));
        Assert.True(Seconds(container, "startupProbe") >= 120, "start-up (migrations, silo join) needs minutes");
    }

    [Fact]
    public void GiveTheSiloTimeToLeaveTheCluster()
    {
        var rendering = Chart.Render(WithConnectionString);
        var preStop = (IList<object?>)rendering.Container.At("lifecycle.preStop.exec.command")!;
        var sleep = long.Parse((string)preStop[1]!, CultureInfo.InvariantCulture);
        var shutdown = long.Parse(rendering.Env["DOTNET_SHUTDOWNTIMEOUTSECONDS"].Text("value")!, CultureInfo.InvariantCulture);
        var grace = (long)rendering.One("Deployment").At("spec.template.spec.terminationGracePeriodSeconds")!;

        Assert.Equal("sleep", preStop[0]);
        Assert.True(sleep >= 5, "the Service needs a few seconds to stop sending traffic");
        Assert.True(grace >= sleep + shutdown + 5, $"grace {grace} s < preStop {sleep} s + shutdown {shutdown} s + 5 s");
    }

    [Fact]
    public void ReadBothConnectionStringsFromTheChartsSecret()
    {
        var rendering = Chart.Render(WithConnectionString);
        var secret = rendering.One("Secret");
        var key = Assert.Single(secret.Map("stringData")).Key;

        foreach (var name in new[] { "ConnectionStrings__Default", "Orleans__ClusteringConnectionString" })
        {
            Assert.Null(rendering.Env[name].At("value"));
            Assert.Equal(secret.Text("metadata.name"), rendering.Env[name].Text("valueFrom.secretKeyRef.name"));
            Assert.Equal(key, rendering.Env[name].Text("valueFrom.secretKeyRef.key"));
        }

        Assert.Equal("Host=db;Database=photocollect", secret.Text($"stringData.{key}"));
        Assert.Equal("Postgres", rendering.Env["Orleans__Clustering"].Text("value"));
        Assert.Equal("status.podIP", rendering.Env["Orleans__AdvertisedIP"].Text("valueFrom.fieldRef.fieldPath"));
    }

    [Fact]
    public void UseAnExistingSecretAndASeparateClusteringStore()
    {
        var rendering = Chart.Render("""
            database: { existingSecret: photocollect-db, secretKey: url }
            orleans: { clusteringSecret: { name: orleans-db, key: cs } }
            """);

        Assert.Empty(rendering.All("Secret"));
        Assert.Equal("photocollect-db", rendering.Env["ConnectionStrings__Default"].Text("valueFrom.secretKeyRef.name"));
        Assert.Equal("url", rendering.Env["ConnectionStrings__Default"].Text("valueFrom.secretKeyRef.key"));
        Assert.Equal("orleans-db", rendering.Env["Orleans__ClusteringConnectionString"].Text("valueFrom.secretKeyRef.name"));
        Assert.Equal("cs", rendering.Env["Orleans__ClusteringConnectionString"].Text("valueFrom.secretKeyRef.key"));
    }

    [Fact]
    public void KeepUploadsOnTheSharedVolumeItIsGivenAndInTheDatabaseWithoutOne()
    {
        var without = Chart.Render(WithConnectionString);
        Assert.False(without.Env.ContainsKey("Photocollect__Uploads__Path"));
        Assert.Equal("tmp", Assert.Single(without.One("Deployment").Maps("spec.template.spec.volumes")).Text("name"));

        var with = Chart.Render(WithConnectionString + "\nuploads: { existingClaim: photos-rwx }");

        var volume = Assert.Single(with.One("Deployment").Maps("spec.template.spec.volumes"), v => v.Text("name") == "uploads");
        Assert.Equal("photos-rwx", volume.Text("persistentVolumeClaim.claimName"));
        var mount = Assert.Single(with.Container.Maps("volumeMounts"), m => m.Text("name") == "uploads");
        Assert.Equal("/var/lib/photocollect/uploads", mount.Text("mountPath"));
        Assert.Equal(mount.Text("mountPath"), with.Env["Photocollect__Uploads__Path"].Text("value"));
    }

    [Fact]
    public void RouteThePlatformHostEverySubdomainAndEachSchoolsHost()
    {
        var rendering = Chart.Render(WithConnectionString + """

            tenancy: { baseDomains: [photocollect.cn, photos.example.com] }
            ingress:
              tlsSecret: wildcard-tls
              schoolHosts:
                - { host: photo.example.edu.cn, tlsSecret: example-edu-tls }
                - { host: zp.another.edu.cn }
            """);
        var ingress = rendering.One("Ingress");
        var service = rendering.One("Service");

        Assert.Equal(
            ["photocollect.cn", "*.photocollect.cn", "photos.example.com", "*.photos.example.com", "photo.example.edu.cn", "zp.another.edu.cn"],
            ingress.Maps("spec.rules").Select(r => r.Text("host")));
        Assert.All(ingress.Maps("spec.rules"), rule =>
        {
            var backend = Assert.Single(rule.Maps("http.paths"));
            Assert.Equal(service.Text("metadata.name"), backend.Text("backend.service.name"));
            Assert.Equal(Assert.Single(service.Maps("spec.ports")).Text("port"), backend.Text("backend.service.port.number"));
        });
        var tls = ingress.Maps("spec.tls").ToDictionary(t => t.Text("secretName")!, t => ((IList<object?>)t["hosts"]!).Cast<string>().ToList());
        Assert.Equal(["photocollect.cn", "*.photocollect.cn", "photos.example.com", "*.photos.example.com"], tls["wildcard-tls"]);
        Assert.Equal(["photo.example.edu.cn"], tls["example-edu-tls"]);
        Assert.Equal(2, tls.Count);

        Assert.Equal("photocollect.cn", rendering.Env["Tenancy__BaseDomains__0"].Text("value"));
        Assert.Equal("photos.example.com", rendering.Env["Tenancy__BaseDomains__1"].Text("value"));
    }

    [Fact]
    public void AdmitTheLargestPhotoUploadThroughTheIngress()
    {
        var size = Chart.Render(WithConnectionString).One("Ingress").Map("metadata.annotations")["nginx.ingress.kubernetes.io/proxy-body-size"] as string;

        var match = BodySize().Match(size ?? "");
        Assert.True(match.Success, $"proxy-body-size '{size}' is not a size");
        var bytes = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * (match.Groups[2].Value.ToUpperInvariant() switch
        {
            "K" => 1024L,
            "M" => 1024L * 1024,
            "G" => 1024L * 1024 * 1024,
            _ => 1L,
        });
        // The multipart envelope and the other form fields ride along with the photo.
        Assert.True(bytes >= CollectionFlow.MaxUploadBytes + (1024 * 1024), $"{size} < {CollectionFlow.MaxUploadBytes} bytes + 1 MB");
    }

    [Fact]
    public void KeepOnePodThroughADrainButNotBlockASingleReplica()
    {
        var rendering = Chart.Render(WithConnectionString);
        var pdb = rendering.One("PodDisruptionBudget");

        Assert.Equal(1L, pdb.At("spec.minAvailable"));
        Assert.True((long)pdb.At("spec.minAvailable")! < (long)rendering.One("Deployment").At("spec.replicas")!);
        Assert.Equal(rendering.One("Deployment").Map("spec.selector.matchLabels"), pdb.Map("spec.selector.matchLabels"));

        Assert.Empty(Chart.Render(WithConnectionString + "\nreplicaCount: 1").All("PodDisruptionBudget"));
    }

    [Fact]
    public void SelectItsOwnPodsEverywhere()
    {
        var deployment = Chart.Render(WithConnectionString).One("Deployment");
        var selector = deployment.Map("spec.selector.matchLabels");
        var podLabels = deployment.Map("spec.template.metadata.labels");
        var antiAffinity = Assert.Single(deployment.Maps("spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution"));

        Assert.All(selector, label => Assert.Equal(label.Value, podLabels[label.Key]));
        Assert.Equal(selector, antiAffinity.Map("podAffinityTerm.labelSelector.matchLabels"));
    }

    [Fact]
    public void RequestNoMoreThanItsLimits()
    {
        var resources = Chart.Render(WithConnectionString).Container.Map("resources");

        foreach (var kind in new[] { "cpu", "memory" })
        {
            var request = Quantity(resources.Text($"requests.{kind}"));
            var limit = Quantity(resources.Text($"limits.{kind}"));
            Assert.True(request > 0 && request <= limit, $"{kind}: request {request} vs limit {limit}");
        }

        // Measured (docs/benchmarks.md): about 1.2 GB at eight photo checks at once, plus the silo's ~100 MB.
        Assert.True(Quantity(resources.Text("limits.memory")) >= 1.5 * 1024 * 1024 * 1024);
    }

    [Fact]
    public void RunAsTheImagesUserOnAReadOnlyRoot()
    {
        var rendering = Chart.Render(WithConnectionString);
        var pod = rendering.One("Deployment").Map("spec.template.spec");

        Assert.Equal(true, pod.At("securityContext.runAsNonRoot"));
        Assert.Equal(true, rendering.Container.At("securityContext.readOnlyRootFilesystem"));
        Assert.Equal("/tmp", Assert.Single(rendering.Container.Maps("volumeMounts")).Text("mountPath"));
        Assert.Equal(false, pod.At("automountServiceAccountToken"));
        Assert.Equal("Production", rendering.Env["ASPNETCORE_ENVIRONMENT"].Text("value"));
        // Forwarded headers only from the configured proxies: ASP.NET Core's switch would believe anyone.
        Assert.False(rendering.Env.ContainsKey("ASPNETCORE_FORWARDEDHEADERS_ENABLED"));
        Assert.Equal("10.0.0.0/8", rendering.Env["Photocollect__Network__TrustedProxies__0"].Text("value"));
        Assert.Equal("https://photocollect.cn", rendering.Env["Photocollect__PublicBaseUrl"].Text("value"));
    }

    private static bool Defined(IDictionary<string, object?> values, string dottedPath)
    {
        object? node = values;
        foreach (var step in dottedPath.TrimStart('.').Split('.'))
        {
            if (node is not IDictionary<string, object?> map || !map.TryGetValue(step, out node))
            {
                return false;
            }
        }

        return true;
    }

    private static long Seconds(IDictionary<string, object?> container, string probe) =>
        (long)container.At($"{probe}.periodSeconds")! * (long)container.At($"{probe}.failureThreshold")!;

    /// <summary>Kubernetes quantities as numbers: cores for CPU, bytes for memory.</summary>
    private static double Quantity(string? text)
    {
        var match = KubernetesQuantity().Match(text ?? "");
        Assert.True(match.Success, $"'{text}' is not a quantity");
        var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return number * match.Groups[2].Value switch
        {
            "" => 1,
            "m" => 0.001,
            "Ki" => 1024,
            "Mi" => 1024 * 1024,
            "Gi" => 1024 * 1024 * 1024,
            "k" => 1e3,
            "M" => 1e6,
            "G" => 1e9,
            var unit => throw new Xunit.Sdk.XunitException($"unit {unit}"),
        };
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|k|M|G)?$")]
    private static partial Regex KubernetesQuantity();

    [GeneratedRegex(@"^(\d+)([kKmMgG]?)$")]
    private static partial Regex BodySize();
}
