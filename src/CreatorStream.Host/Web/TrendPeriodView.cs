using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;

namespace CreatorStream.Host.Web;

/// <summary>
/// One hour or day of a trend: counts, click-through rate (all clicks, as the report's <c>ctr</c>), and the rates drops
/// and comparisons judge: authentic clicks per impression and credited orders per authentic click (null without a
/// denominator); and what the period's authentic comments said: scored, positive, negative, and net sentiment (positive
/// less negative, over scored; null with none: docs/design.md, "Content"). Reach is not kept per period (docs/design.md,
/// "Trends").
/// </summary>
public sealed record TrendPeriodView(
    long Start,
    long End,
    long Impressions,
    long Engagements,
    long AuthenticEngagements,
    long Clicks,
    long AuthenticClicks,
    long Conversions,
    double? Ctr,
    double? AuthenticCtr,
    double? ConversionRate,
    long CommentsJudged,
    long CommentsPositive,
    long CommentsNegative,
    double? NetSentiment)
{
    public static TrendPeriodView Of(PeriodView period, SeriesGranularity granularity) => Of(period.Start, period.Start + SeriesPeriods.Length(granularity), period.Counters);

    public static TrendPeriodView Of(long start, long end, in Counters c) =>
        new(start, end, c.Impressions, c.Engagements, c.AuthenticEngagements, c.Clicks, c.AuthenticClicks, c.Conversions, Ratio.Of(c.Clicks, c.Impressions), Ratio.Of(c.AuthenticClicks, c.Impressions), Ratio.Of(c.Conversions, c.AuthenticClicks),
            c.CommentsJudged, c.CommentsPositive, c.CommentsNegative, Ratio.Of(c.CommentsPositive - c.CommentsNegative, c.CommentsJudged));
}
