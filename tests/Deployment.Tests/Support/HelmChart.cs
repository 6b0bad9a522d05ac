using System.Text.RegularExpressions;

namespace Photocollect.Deployment.Tests.Support;

/// <summary>The repository this test runs in (found upwards from the test assembly).</summary>
public static class Repository
{
    /// <summary>The folder holding Photocollect.sln.</summary>
    public static string Root { get; } = Find();

    /// <summary>A file's text, by a path relative to the root.</summary>
    public static string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Photocollect.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Photocollect.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>charts/photocollect: its values, its template files, and renderings of them.</summary>
public sealed partial class HelmChart
{
    /// <summary>The release name renderings use.</summary>
    public const string ReleaseName = "pc";

    private HelmChart(string directory)
    {
        Directory = directory;
        Name = System.IO.Path.GetFileName(directory);
        Metadata = (IDictionary<string, object?>)Yaml.Load(File.ReadAllText(System.IO.Path.Combine(directory, "Chart.yaml")))!;
        Values = (IDictionary<string, object?>)Yaml.Load(File.ReadAllText(System.IO.Path.Combine(directory, "values.yaml")))!;
        Templates = System.IO.Directory.GetFiles(System.IO.Path.Combine(directory, "templates"))
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => System.IO.Path.GetFileName(f), File.ReadAllText, StringComparer.Ordinal);
    }

    /// <summary>The chart in this repository.</summary>
    public static HelmChart Photocollect { get; } = new(System.IO.Path.Combine(Repository.Root, "charts", "photocollect"));

    /// <summary>Its folder.</summary>
    public string Directory { get; }

    /// <summary>The folder's name, which Helm requires to equal Chart.yaml's name.</summary>
    public string Name { get; }

    /// <summary>Chart.yaml.</summary>
    public IDictionary<string, object?> Metadata { get; }

    /// <summary>values.yaml.</summary>
    public IDictionary<string, object?> Values { get; }

    /// <summary>Each file under templates/ by file name.</summary>
    public IReadOnlyDictionary<string, string> Templates { get; }

    /// <summary>Every <c>.Values.a.b</c> (or <c>$.Values.a.b</c>) path an action names, with the files naming it.</summary>
    public IReadOnlyDictionary<string, List<string>> ValuePaths()
    {
        var paths = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (file, text) in Templates)
        {
            foreach (Match action in Action().Matches(text))
            {
                foreach (Match path in ValuesPath().Matches(action.Value))
                {
                    var key = path.Groups[1].Value;
                    if (!paths.TryGetValue(key, out var files))
                    {
                        paths[key] = files = [];
                    }

                    if (!files.Contains(file))
                    {
                        files.Add(file);
                    }
                }
            }
        }

        return paths;
    }

    /// <summary>Names given to <c>include</c> or <c>template</c> as literals, and names that <c>define</c> introduces.</summary>
    public (IReadOnlySet<string> Used, IReadOnlySet<string> Defined) TemplateNames()
    {
        var used = new SortedSet<string>(StringComparer.Ordinal);
        var defined = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in Templates.Values)
        {
            foreach (Match action in Action().Matches(text))
            {
                used.UnionWith(Included().Matches(action.Value).Select(m => m.Groups[1].Value));
                defined.UnionWith(Defined().Matches(action.Value).Select(m => m.Groups[1].Value));
            }
        }

        return (used, defined);
    }

    /// <summary>
    /// Renders every template with values.yaml plus <paramref name="overrides"/> (YAML), as <c>helm template</c> would:
    /// the helpers' defines are read first, files starting with "_" produce nothing, each output is YAML-parsed.
    /// </summary>
    public Rendering Render(string? overrides = null)
    {
        var values = overrides is null ? Values : Yaml.Merge(Values, (IDictionary<string, object?>)Yaml.Load(overrides)!);
        var engine = new GoTemplates();
        var basePath = $"{Name}/templates";
        foreach (var (file, text) in Templates)
        {
            engine.Add($"{basePath}/{file}", text);
        }

        var manifests = new List<Manifest>();
        var notes = "";
        foreach (var file in Templates.Keys.Where(f => !f.StartsWith('_')))
        {
            var root = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["Values"] = values,
                ["Release"] = new Dictionary<string, object?> { ["Name"] = ReleaseName, ["Namespace"] = "default", ["Service"] = "Helm", ["IsInstall"] = true },
                ["Chart"] = new Dictionary<string, object?>
                {
                    ["Name"] = Metadata["name"], ["Version"] = Metadata["version"], ["AppVersion"] = Metadata["appVersion"],
                },
                ["Template"] = new Dictionary<string, object?> { ["Name"] = $"{basePath}/{file}", ["BasePath"] = basePath },
            };
            var output = engine.Execute($"{basePath}/{file}", root);
            if (file == "NOTES.txt")
            {
                notes = output;
                continue;
            }

            try
            {
                manifests.AddRange(Yaml.LoadAll(output).Where(d => d is not null).Select(d => new Manifest(file, (IDictionary<string, object?>)d!)));
            }
            catch (YamlDotNet.Core.YamlException e)
            {
                throw new Xunit.Sdk.XunitException($"{file} renders to invalid YAML ({e.Message}):\n{output}");
            }
        }

        return new Rendering(manifests, notes);
    }

    [GeneratedRegex(@"\{\{.*?\}\}", RegexOptions.Singleline)]
    private static partial Regex Action();

    [GeneratedRegex(@"\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex ValuesPath();

    [GeneratedRegex(@"\b(?:include|template)\s+""([^""]+)""")]
    private static partial Regex Included();

    [GeneratedRegex(@"\bdefine\s+""([^""]+)""")]
    private static partial Regex Defined();
}

/// <summary>One rendered Kubernetes object and the template file it came from.</summary>
public sealed record Manifest(string File, IDictionary<string, object?> Body)
{
    /// <summary>apiVersion/kind.</summary>
    public string Kind => $"{Body["apiVersion"]}/{Body["kind"]}";

    /// <summary>metadata.name.</summary>
    public string? Name => Body.Text("metadata.name");
}

/// <summary>What a chart rendered to.</summary>
public sealed record Rendering(IReadOnlyList<Manifest> Manifests, string Notes)
{
    /// <summary>The one object of a kind ("Deployment", "Service"…); fails the test if there is none or several.</summary>
    public IDictionary<string, object?> One(string kind) =>
        Manifests.Where(m => (string?)m.Body["kind"] == kind).ToList() is [var single]
            ? single.Body
            : throw new Xunit.Sdk.XunitException($"expected one {kind}; rendered: {string.Join(", ", Manifests.Select(m => m.Kind))}");

    /// <summary>Objects of a kind.</summary>
    public IReadOnlyList<IDictionary<string, object?>> All(string kind) =>
        Manifests.Where(m => (string?)m.Body["kind"] == kind).Select(m => m.Body).ToList();

    /// <summary>The Deployment's only container.</summary>
    public IDictionary<string, object?> Container => One("Deployment").Maps("spec.template.spec.containers") is [var c]
        ? c
        : throw new Xunit.Sdk.XunitException("expected one container");

    /// <summary>The container's environment variables by name.</summary>
    public IReadOnlyDictionary<string, IDictionary<string, object?>> Env =>
        Container.Maps("env").ToDictionary(e => e.Text("name")!, e => e, StringComparer.Ordinal);

    /// <summary>The container's ports: name → number.</summary>
    public IReadOnlyDictionary<string, long> ContainerPorts =>
        Container.Maps("ports").ToDictionary(p => p.Text("name")!, p => (long)p["containerPort"]!, StringComparer.Ordinal);
}
