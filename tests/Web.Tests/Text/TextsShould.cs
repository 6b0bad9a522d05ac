using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Sms;

namespace Photocollect.Web.Tests.Text;

/// <summary>
/// Every text the product shows exists in both languages: the shared resources and the vision engine's messages as
/// built (the neutral resources are Simplified Chinese, the satellite ones English), every literal key the pages and
/// page models ask for is defined, and no English text is left in Chinese (except where it names Chinese data).
/// </summary>
public sealed partial class TextsShould
{
    // English texts that quote Chinese on purpose: the roster's column names and levels as they must be typed.
    private static readonly HashSet<string> ChineseOnPurpose = ["Roster.Format", "Roster.Error.Header", "Roster.Error.Level", "Students.Missing.FromVisitors"];

    public static TheoryData<string> Sets() => ["Photocollect.Web.Resources.SharedResource", "Photocollect.Vision.Resources.Messages"];

    [Theory]
    [MemberData(nameof(Sets))]
    public void HaveEveryKeyInBothLanguages(string baseName)
    {
        var (zh, en) = Load(baseName);

        Assert.True(zh.Count > 20, $"{baseName}: only {zh.Count} neutral texts found");
        Assert.Empty(zh.Keys.Except(en.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(en.Keys.Except(zh.Keys).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Sets))]
    public void WriteEnglishInEnglishAndChineseInChinese(string baseName)
    {
        var (zh, en) = Load(baseName);

        Assert.Empty(en.Where(e => Cjk().IsMatch(e.Value) && !ChineseOnPurpose.Contains(e.Key)).Select(e => $"{e.Key}: {e.Value}"));
        Assert.Empty(zh.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key));
        // Placeholders match: a text that formats {0} in one language formats it in the other.
        Assert.Empty(zh.Where(e => en.TryGetValue(e.Key, out var english) && !Placeholders(e.Value).SetEquals(Placeholders(english)))
            .Select(e => $"{e.Key}: “{e.Value}” / “{en[e.Key]}”"));
    }

    [Fact]
    public void DefineEveryKeyThePagesAskFor()
    {
        var (zh, _) = Load("Photocollect.Web.Resources.SharedResource");
        var web = Path.Combine(RepositoryRoot(), "src", "Web");
        var asked = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(web, f), Key: m.Groups["key"].Value)))
            .ToList();

        Assert.True(asked.Count > 300, $"only {asked.Count} literal keys found: is the pattern still right?");
        Assert.Empty(asked.Where(a => !zh.ContainsKey(a.Key)).Select(a => $"{a.File}: {a.Key}").Distinct());
    }

    [Fact]
    public void NameEveryValueOfTheEnumerationsPagesShow()
    {
        var wanted = Enum.GetNames<OrderStatus>().Select(s => $"OrderStatus.{s}")
            .Concat(Enum.GetNames<OrderKind>().Select(k => $"OrderKind.{k}"))
            .Concat(Enum.GetValues<CampaignKind>().Select(k => Collection.OrderLabels.KindKey(OrderKind.Group, k)))
            .Concat(Enum.GetValues<CampaignKind>().Select(Collection.OrderLabels.PhotoKey))
            .Concat(Enum.GetNames<SmsTemplate>().Select(t => $"SmsTemplate.{t}"))
            .Concat(Enum.GetNames<RefundState>().Select(s => $"RefundState.{s}"))
            .Concat(new[] { SmsTemplate.ReviewApproved, SmsTemplate.ReviewRejected, SmsTemplate.Completed, SmsTemplate.Refunded, SmsTemplate.LoginCode, SmsTemplate.StaffInvite }.Select(t => $"Sms.{t}"))
            .ToList();
        var (zh, en) = Load("Photocollect.Web.Resources.SharedResource");

        Assert.Empty(wanted.Where(k => !zh.ContainsKey(k) || !en.ContainsKey(k)));
    }

    private static (Dictionary<string, string> Zh, Dictionary<string, string> En) Load(string baseName)
    {
        var assembly = baseName.StartsWith("Photocollect.Vision", StringComparison.Ordinal) ? typeof(Vision.Messages).Assembly : typeof(SharedResource).Assembly;
        var manager = new ResourceManager(baseName, assembly);
        return (Read(manager, CultureInfo.InvariantCulture), Read(manager, CultureInfo.GetCultureInfo("en")));
    }

    private static Dictionary<string, string> Read(ResourceManager manager, CultureInfo culture)
    {
        // Only this culture's own set: no fallback, so a key missing in English is missing here.
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"no {culture.Name} resources");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    private static string RepositoryRoot()
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

    [GeneratedRegex(@"[\u3400-\u9fff]")]
    private static partial Regex Cjk();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    // L["Key"], Text["Key"], text["Key"], localizer["Key"], T["Key"] with a literal key (interpolated keys are not checked).
    [GeneratedRegex("""\b(?:L|Text|text|localizer|T|Localizer)\["(?<key>[A-Za-z][A-Za-z0-9_.]*)"[\],]""")]
    private static partial Regex LiteralKey();
}
