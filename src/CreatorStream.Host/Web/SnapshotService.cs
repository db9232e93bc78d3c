using CreatorStream.Core.Alerts;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Recommendations;
using CreatorStream.Core.Windows;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;

namespace CreatorStream.Host.Web;

/// <summary>Reads a campaign from the store and shapes it for the dashboard, with the same figures the report computes. Thread-safe.</summary>
public sealed class SnapshotService(IStateStore store, CampaignCatalog catalog, TimeProvider clock)
{
    /// <summary>Minutes of trend in a snapshot: an hour, enough to see a late event correct a past minute.</summary>
    public const int SeriesMinutes = Processing.State.LiveStates.TrendMinutes;

    /// <summary>Alerts in a snapshot.</summary>
    public const int RecentAlerts = 20;

    /// <summary>
    /// The campaign over <paramref name="window"/>, its credited figures (conversions, revenue, cost, returns, the goal)
    /// under <paramref name="model"/> (default: the campaign's reporting model), as <c>/creators</c> computes them.
    /// </summary>
    public async Task<CampaignSnapshot> GetAsync(CampaignConfig campaign, StateWindow window, CancellationToken cancellationToken, string? model = null)
    {
        var state = await store.ReadCampaignAsync(campaign.CampaignId, window, cancellationToken);
        var minutes = await MinutesAsync(campaign.CampaignId, state, cancellationToken);
        var alerts = await store.ReadAlertsAsync(campaign.CampaignId, cancellationToken);
        return Shape(campaign, state, minutes, alerts, model);
    }

    /// <summary>
    /// A campaign's figures (read by the caller: the store, or views kept from the change feed) shaped as
    /// <see cref="GetAsync"/> shapes them, with the last hour of its minutes and the alerts to show.
    /// </summary>
    public CampaignSnapshot Shape(CampaignConfig campaign, CampaignState state, IReadOnlyList<BucketView> minutes, IReadOnlyList<Alert> alerts, string? model = null)
    {
        var window = state.Window;
        var reportingModel = campaign.Attribution.ReportingModel;
        campaign = CreatorRows.UnderModel(campaign, model ?? reportingModel);
        var report = ReportBuilder.BuildFigures(campaign, state);
        var totals = report.Totals;
        var benchmarks = campaign.Benchmarks;
        var toDate = window.Span is null;
        var names = CreatorRows.Names(campaign);
        return new CampaignSnapshot
        {
            CampaignId = campaign.CampaignId,
            Name = campaign.Name,
            Currency = campaign.Currency,
            Window = window.Name,
            GeneratedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            Watermark = state.Watermark == long.MinValue ? null : state.Watermark,
            ReportingModel = reportingModel,
            Model = campaign.Attribution.ReportingModel,
            Goal = toDate ? RecommendationEngine.Goal(campaign, report, state.Totals.LastEventTs) : null,
            Totals = SnapshotFigures.Of(state.Totals, totals.Emv).WithOutcomes(totals, toDate) with
            {
                Conversions = toDate ? totals.Conversions?.GetValueOrDefault(campaign.Attribution.ReportingModel) : null,
                Revenue = toDate ? totals.Revenue?.GetValueOrDefault(campaign.Attribution.ReportingModel) : null,
                Cost = toDate ? totals.Cost : null,
                Roi = toDate ? totals.Roi : null,
                Roas = toDate ? totals.Roas : null,
                Cpa = toDate ? totals.Cpa : null,
            },
            Creators = CreatorRows.Of(campaign, state, report),
            Platforms = [.. state.Platforms.OrderBy(p => p.Key).Select(p =>
                SnapshotFigures.Of(p.Value, Emv.Of(p.Value.Counters, p.Key, benchmarks)) with { Platform = WireNames.Of(p.Key) })],
            CreatorPlatforms = [.. state.CreatorPlatforms.OrderBy(p => p.Key.CreatorId, StringComparer.Ordinal).ThenBy(p => p.Key.Platform).Select(p =>
                SnapshotFigures.Of(p.Value, Emv.Of(p.Value.Counters, p.Key.Platform, benchmarks)) with
                {
                    CreatorId = p.Key.CreatorId,
                    Name = names.GetValueOrDefault(p.Key.CreatorId, p.Key.CreatorId),
                    Platform = WireNames.Of(p.Key.Platform),
                })],
            Series = [.. minutes.Select(b => new SeriesPoint(
                b.Start,
                b.Figures.Counters.Impressions,
                b.Figures.Reach,
                b.Figures.Counters.Engagements,
                b.Figures.Counters.AuthenticEngagements,
                b.Figures.Counters.Clicks,
                b.Figures.Counters.Conversions,
                b.Figures.UpdatedAtMs,
                b.CorrectedAtMs))],
            Alerts = [.. alerts.Reverse().Take(RecentAlerts).Select(AlertView.Of)],
        };
    }

    /// <summary>A campaign's alerts as the store holds them (oldest first).</summary>
    public async Task<IReadOnlyList<Alert>> AlertsAsync(string campaignId, CancellationToken cancellationToken) =>
        await store.ReadAlertsAsync(campaignId, cancellationToken);

    public bool TryGetCampaign(string campaignId, out CampaignConfig campaign) => catalog.TryGet(campaignId, out campaign);

    /// <summary>The last hour of minutes up to the campaign's newest event (event time; minutes without events are absent).</summary>
    private async Task<IReadOnlyList<BucketView>> MinutesAsync(string campaignId, CampaignState state, CancellationToken cancellationToken)
    {
        if (state.Totals.LastEventTs is not { } newestTs)
        {
            return [];
        }

        var newest = EventTime.BucketStart(newestTs);
        return await store.ReadBucketsAsync(AggregateKey.Campaign(campaignId), newest - ((SeriesMinutes - 1) * EventTime.BucketMs), newest + EventTime.BucketMs, cancellationToken);
    }
}
