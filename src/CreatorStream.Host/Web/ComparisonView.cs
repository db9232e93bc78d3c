using CreatorStream.Core.Trends;

namespace CreatorStream.Host.Web;

/// <summary>The answer of <c>/trends/compare</c>: the last <see cref="Days"/> of complete hours against the days before them.</summary>
public sealed record ComparisonView(
    string CampaignId,
    string? CreatorId,
    int Days,
    long? AsOf,
    TrendPeriodView Current,
    TrendPeriodView Previous,
    RateChange Ctr,
    RateChange ConversionRate)
{
    public static ComparisonView Of(string campaignId, string? creatorId, int days, long? asOf, PeriodComparison comparison) =>
        new(
            campaignId,
            creatorId,
            days,
            asOf,
            TrendPeriodView.Of(comparison.Current.From, comparison.Current.To, comparison.Current.Counters),
            TrendPeriodView.Of(comparison.Previous.From, comparison.Previous.To, comparison.Previous.Counters),
            comparison.Ctr,
            comparison.ConversionRate);
}
