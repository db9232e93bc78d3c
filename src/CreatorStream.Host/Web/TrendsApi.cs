using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Core.Trends;

namespace CreatorStream.Host.Web;

/// <summary>
/// The campaign's long trends under <c>/api/campaigns/{id}</c> (docs/design.md, "Trends"): <c>/trends</c>, hourly or daily
/// periods of the campaign or one creator with the rate drops judged on its hours, and <c>/trends/compare</c>, the last
/// days against the days before them. Both are judged at the campaign's newest event time, as the report is.
/// </summary>
public static class TrendsApi
{
    /// <summary>Hours shown when no range is given: the last week.</summary>
    public const int DefaultHours = 7 * 24;

    /// <summary>The longest comparison period: a quarter.</summary>
    public const int MaxCompareDays = 92;

    public static RouteGroupBuilder MapTrends(this RouteGroupBuilder campaigns)
    {
        campaigns.MapGet("/trends", async (string id, string? granularity, string? creator, long? from, long? to, HttpContext context, IStateStore store) =>
        {
            var campaign = context.AllowedCampaign();
            if (!TryGranularity(granularity, out var chosen))
            {
                return ApiError.Result(400, "granularity must be hour or day");
            }

            if (Scope(campaign, creator) is not { } key)
            {
                return ApiError.Result(404, $"campaign '{id}' has no creator '{creator}'");
            }

            var (first, asOf) = await SpanAsync(store, id, context.RequestAborted);
            var end = to ?? (asOf is { } newest ? newest + 1 : 0);
            // Without a range, the period holding the first instant shown is whole: a campaign that began at noon still
            // shows its first day (the series holds periods by their start, and that day starts at midnight).
            var start = from ?? SeriesPeriods.Start(chosen, chosen == SeriesGranularity.Hour ? end - (DefaultHours * SeriesPeriods.HourMs) : first ?? end);
            if (start >= end && (from is not null || to is not null))
            {
                return ApiError.Result(400, "from must be before to");
            }

            if (Periods(chosen, start, end) > IStateStore.MaxSeriesPeriods)
            {
                return ApiError.Result(400, $"a range spans at most {IStateStore.MaxSeriesPeriods} periods; ask for days, or a shorter range");
            }

            var periods = start < end ? await store.ReadSeriesAsync(key, chosen, start, end, context.RequestAborted) : [];
            var drops = await DropsAsync(store, key, creator, first, asOf, context.RequestAborted);
            return Results.Json(new TrendsView(id, creator, chosen == SeriesGranularity.Hour ? "hour" : "day", start, end, asOf, [.. periods.Select(p => TrendPeriodView.Of(p, chosen))], drops));
        });

        campaigns.MapGet("/trends/compare", async (string id, int? days, string? creator, HttpContext context, IStateStore store) =>
        {
            var campaign = context.AllowedCampaign();
            if (days is < 1 or > MaxCompareDays)
            {
                return ApiError.Result(400, $"days must be between 1 and {MaxCompareDays}");
            }

            if (Scope(campaign, creator) is not { } key)
            {
                return ApiError.Result(404, $"campaign '{id}' has no creator '{creator}'");
            }

            var length = days ?? 7;
            var (_, asOf) = await SpanAsync(store, id, context.RequestAborted);
            var end = SeriesPeriods.Start(SeriesGranularity.Hour, asOf ?? 0);
            var hours = asOf is null ? [] : await store.ReadSeriesAsync(key, SeriesGranularity.Hour, end - (2 * length * SeriesPeriods.DayMs), end, context.RequestAborted);
            return Results.Json(ComparisonView.Of(id, creator, length, asOf, PeriodComparison.Of(hours, asOf ?? 0, length)));
        });

        return campaigns;
    }

    private static bool TryGranularity(string? text, out SeriesGranularity granularity)
    {
        granularity = text == "day" ? SeriesGranularity.Day : SeriesGranularity.Hour;
        return text is null or "hour" or "day";
    }

    private static AggregateKey? Scope(Core.Configuration.CampaignConfig campaign, string? creator) =>
        creator is null ? AggregateKey.Campaign(campaign.CampaignId)
        : campaign.Creators.Any(c => c.CreatorId == creator) ? AggregateKey.Creator(campaign.CampaignId, creator)
        : null;

    private static long Periods(SeriesGranularity granularity, long start, long end) =>
        end <= start ? 0 : ((end - SeriesPeriods.Start(granularity, start)) / SeriesPeriods.Length(granularity)) + 1;

    /// <summary>The campaign's first and newest event time (null before any event).</summary>
    private static async Task<(long? First, long? Newest)> SpanAsync(IStateStore store, string campaignId, CancellationToken cancellationToken)
    {
        var key = AggregateKey.Campaign(campaignId);
        var read = await store.ReadAggregatesAsync(campaignId, [key], cancellationToken);
        return read.TryGetValue(key, out var totals) ? (totals.FirstEventTs, totals.LastEventTs) : (null, null);
    }

    /// <summary>The scope's rate drops over its whole hourly series, as the report judges them.</summary>
    private static async Task<IReadOnlyList<AlertDropView>> DropsAsync(IStateStore store, AggregateKey key, string? creator, long? first, long? asOf, CancellationToken cancellationToken)
    {
        if (first is not { } start || asOf is not { } newest)
        {
            return [];
        }

        var hours = await Processing.State.CampaignSeriesReader.ReadHoursAsync(store, key, start, newest, cancellationToken);
        return [.. RateDrops.Find(creator, hours, newest, RateDropOptions.Default).Select(AlertDropView.Of)];
    }
}
