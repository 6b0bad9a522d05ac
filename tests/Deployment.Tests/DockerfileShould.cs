using System.Text.RegularExpressions;
using Photocollect.Deployment.Tests.Support;
using Photocollect.Vision;

namespace Photocollect.Deployment.Tests;

/// <summary>The Dockerfile at the repository root, read as text (no Docker engine here): what the chart and the app
/// expect of the image.</summary>
public sealed partial class DockerfileShould
{
    private static readonly string Dockerfile = Repository.Read("Dockerfile");

    [Fact]
    public void ExposeThePortsTheChartUses()
    {
        var ports = HelmChart.Photocollect.Render("database: { connectionString: x }").ContainerPorts.Values.Order();
        var exposed = Expose().Matches(Dockerfile).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(long.Parse).Order();

        Assert.Equal(ports, exposed);
        Assert.Contains($"ASPNETCORE_HTTP_PORTS={HelmChart.Photocollect.Values.Map("http")["port"]}", Dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildTheNativeLibraryOnDebian12AndShipOnlyRuntimeParts()
    {
        var stages = Stages();
        var build = Assert.Single(stages, s => s.Name == "build");
        var runtime = stages[^1];
        // ./photocollect's list of what the vision engine builds against: tools and -dev packages build, data ships.
        var script = Regex.Match(Repository.Read("photocollect"), @"VISION_PACKAGES=\(([^)]*)\)").Groups[1].Value.Split(' ');

        Assert.StartsWith("debian:bookworm", build.From, StringComparison.Ordinal);
        Assert.StartsWith("debian:bookworm", runtime.From, StringComparison.Ordinal);
        Assert.NotEmpty(script);
        foreach (var package in script)
        {
            var stage = package.EndsWith("-data", StringComparison.Ordinal) ? runtime : build;
            Assert.True(Installs(stage, package), $"stage {stage.Name} does not apt-get install {package}");
        }

        Assert.DoesNotContain(Packages(runtime), p => p.EndsWith("-dev", StringComparison.Ordinal) || p is "cmake" or "g++");
        Assert.Contains("dotnet publish src/Web/Web.csproj -c Release", build.Text, StringComparison.Ordinal);
        Assert.Contains("test -f /app/libpcvision.so", build.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckEveryModelFileTheVisionEngineOpens()
    {
        var runtime = Stages()[^1];
        var models = new VisionModels();

        Assert.Contains("ldd /app/libpcvision.so", runtime.Text, StringComparison.Ordinal);
        Assert.Contains($"test -f {models.CascadeDirectory}/", runtime.Text, StringComparison.Ordinal);
        foreach (var file in new[] { models.LandmarkModel, models.BrisqueModel, models.BrisqueRange })
        {
            Assert.Contains($"test -f {file}", runtime.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void RunAsTheUserTheChartNames()
    {
        var runtime = Stages()[^1];
        var uid = HelmChart.Photocollect.Values.Map("podSecurityContext")["runAsUser"];

        Assert.Contains($"useradd --uid {uid} ", runtime.Text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^USER app\s*$", runtime.Text);
        Assert.Matches(@"(?m)^ENTRYPOINT \[""dotnet"", ""Photocollect.Web.dll""\]\s*$", runtime.Text);
    }

    [Fact]
    public void RunTheProductWithTheRuntimeSettingsThePhotocollectScriptUses()
    {
        // ./photocollect starts the product (run, the benches) with APP_RUNTIME; the image must run it the same way,
        // and the chart must not set those names to something else.
        var script = Regex.Match(Repository.Read("photocollect"), @"APP_RUNTIME=\(([^)]*)\)").Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var env = Env().Matches(Stages()[^1].Text).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);
        var chartEnv = HelmChart.Photocollect.Render("database: { connectionString: x }").Env;

        Assert.Contains("DOTNET_TC_CallCountingDelayMs=0", script);
        foreach (var setting in script)
        {
            Assert.Contains(setting, env);
            Assert.False(chartEnv.ContainsKey(setting[..setting.IndexOf('=', StringComparison.Ordinal)]), $"the chart sets {setting} again");
        }
    }

    [Fact]
    public void CopyEveryProjectTheWebAppNeedsBeforeTheRestore()
    {
        // The restore runs before the sources are copied: a project it cannot see fails the image build.
        var restore = Dockerfile[..Dockerfile.IndexOf("RUN dotnet restore", StringComparison.Ordinal)];
        var needed = new HashSet<string>();
        var next = new Queue<string>(["Web"]);
        while (next.TryDequeue(out var project))
        {
            if (!needed.Add(project))
            {
                continue;
            }

            foreach (Match reference in ProjectReference().Matches(Repository.Read($"src/{project}/{project}.csproj")))
            {
                next.Enqueue(reference.Groups[1].Value);
            }
        }

        Assert.True(needed.Count >= 8, string.Join(", ", needed));
        Assert.All(needed, p => Assert.Contains($"COPY src/{p}/{p}.csproj src/{p}/", restore, StringComparison.Ordinal));
    }

    [Fact]
    public void KeepHostBuildOutputOutOfTheContext()
    {
        var ignored = Repository.Read(".dockerignore").Split('\n').Select(l => l.Trim()).ToList();

        // A host CMakeCache.txt under src/Vision/obj/native would send cmake to the host's paths.
        Assert.Contains("**/obj/", ignored);
        Assert.Contains("**/bin/", ignored);
    }

    private sealed record Stage(string From, string? Name, string Text);

    /// <summary>Each FROM … [AS name] with the lines up to the next FROM (continuation lines joined).</summary>
    private static List<Stage> Stages()
    {
        var stages = new List<Stage>();
        var text = Dockerfile.Replace("\\\n", " ", StringComparison.Ordinal);
        foreach (Match m in From().Matches(text))
        {
            stages.Add(new Stage(m.Groups[1].Value, m.Groups[2].Success ? m.Groups[2].Value : null, m.Groups[3].Value));
        }

        return stages;
    }

    private static HashSet<string> Packages(Stage stage) =>
        AptInstall().Matches(stage.Text).SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => !p.StartsWith('-') && p != "&&")
            .ToHashSet(StringComparer.Ordinal);

    private static bool Installs(Stage stage, string package) => Packages(stage).Contains(package);

    [GeneratedRegex(@"(?m)^EXPOSE\s+([0-9 ]+)$")]
    private static partial Regex Expose();

    [GeneratedRegex(@"ProjectReference Include=""\.\.\\(\w+)\\")]
    private static partial Regex ProjectReference();

    [GeneratedRegex(@"(?ms)^FROM\s+(\S+)(?:\s+AS\s+(\S+))?\s*$(.*?)(?=^FROM\s|\z)")]
    private static partial Regex From();

    [GeneratedRegex(@"(?m)^ENV\s+(.*)$")]
    private static partial Regex Env();

    [GeneratedRegex(@"apt-get install -y --no-install-recommends ([^&]*)")]
    private static partial Regex AptInstall();
}
