using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Metrics;

/// <summary>
/// Earned media value (docs/design.md, "Metrics"): impressions priced at the platform's CPM benchmark plus engagements
/// priced at the engagement-value benchmarks. Additive over posts, so a creator's or campaign's EMV is the sum
/// of its posts'. A platform or kind without a benchmark adds nothing.
/// </summary>
public static class Emv
{
    public static double Of(in Counters counters, Platform platform, CampaignBenchmarks benchmarks)
    {
        var cpm = benchmarks.Cpm.GetValueOrDefault(WireNames.Of(platform));
        var value = counters.Impressions / 1000.0 * cpm;
        foreach (var kind in Enum.GetValues<EngagementKind>())
        {
            value += counters[kind] * benchmarks.EngagementValue.GetValueOrDefault(WireNames.Of(kind));
        }

        return value;
    }
}
