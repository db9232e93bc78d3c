namespace CreatorStream.Host.Web;

/// <summary>The answer of <c>/trends</c>: the periods in [from, to) that had events, and the scope's rate drops.</summary>
public sealed record TrendsView(
    string CampaignId,
    string? CreatorId,
    string Granularity,
    long From,
    long To,
    long? AsOf,
    IReadOnlyList<TrendPeriodView> Periods,
    IReadOnlyList<AlertDropView> Drops);
