using System.Collections;
using System.Globalization;
using System.Resources;
using Photocollect.Data;
using Photocollect.Grains.Orders;
using Photocollect.Sms;

namespace Photocollect.Web.Tests.Pages;

/// <summary>
/// Every text the product shows is a key of <c>Resources/SharedResource*.resx</c> in both languages (Simplified
/// Chinese, the neutral file, and English), including the keys pages make from an enumeration's values.
/// </summary>
public sealed class TextsShould
{
    private static readonly ResourceManager Texts = new("Photocollect.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    [Fact]
    public void HaveTheSameKeysInChineseAndEnglish()
    {
        var chinese = Keys(CultureInfo.InvariantCulture);
        var english = Keys(CultureInfo.GetCultureInfo("en"));

        Assert.True(chinese.Count > 1000, $"{chinese.Count} keys");
        Assert.Empty(chinese.Except(english).Order(StringComparer.Ordinal));
        Assert.Empty(english.Except(chinese).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NameEveryValueOfTheEnumerationsPagesShow()
    {
        var wanted = Enum.GetNames<OrderStatus>().Select(s => $"OrderStatus.{s}")
            .Concat(Enum.GetNames<OrderKind>().Select(k => $"OrderKind.{k}"))
            .Concat(Enum.GetValues<CampaignKind>().Select(k => Photocollect.Collection.OrderLabels.KindKey(OrderKind.Group, k)))
            .Concat(Enum.GetValues<CampaignKind>().Select(Photocollect.Collection.OrderLabels.PhotoKey))
            .Concat(Enum.GetNames<SmsTemplate>().Select(t => $"SmsTemplate.{t}"))
            .Concat(Enum.GetNames<RefundState>().Select(s => $"RefundState.{s}"))
            .Concat(new[] { SmsTemplate.ReviewApproved, SmsTemplate.ReviewRejected, SmsTemplate.Completed, SmsTemplate.Refunded, SmsTemplate.LoginCode, SmsTemplate.StaffInvite }.Select(t => $"Sms.{t}"))
            .ToList();

        foreach (var culture in new[] { CultureInfo.InvariantCulture, CultureInfo.GetCultureInfo("en") })
        {
            var keys = Keys(culture);
            Assert.All(wanted, k => Assert.Contains(k, keys));
        }
    }

    private static HashSet<string> Keys(CultureInfo culture)
    {
        // The manager keeps the set for later calls: not disposed here.
        var set = Texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No texts for '{culture.Name}'.");
        return [.. set.Cast<DictionaryEntry>().Select(e => (string)e.Key)];
    }
}
