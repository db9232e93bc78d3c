using CreatorStream.Core.Configuration;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Windows;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;

namespace CreatorStream.Host.Web;

/// <summary>Reads a campaign from the store and shapes it for the dashboard, with the same figures the report computes. Thread-safe.</summary>
public sealed class SnapshotService(IStateStore store, CampaignCatalog catalog, TimeProvider clock)
{
    /// <summary>Minutes of trend in a snapshot: an hour, enough to see a late event correct a past minute.</summary>
    public const int SeriesMinutes = 60;

    /// <summary>Alerts in a snapshot.</summary>
    public const int RecentAlerts = 20;

    public async Task<CampaignSnapshot> GetAsync(CampaignConfig campaign, StateWindow window, CancellationToken cancellationToken)
    {
        var state = await store.ReadCampaignAsync(campaign.CampaignId, window, cancellationToken);
        var report = ReportBuilder.BuildCampaign(campaign, state);
        var totals = report.Totals;
        var alerts = await store.ReadAlertsAsync(campaign.CampaignId, cancellationToken);
        return new CampaignSnapshot
        {
            CampaignId = campaign.CampaignId,
            Name = campaign.Name,
            Currency = campaign.Currency,
            Window = window.Name,
            GeneratedAt = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            Watermark = state.Watermark == long.MinValue ? null : state.Watermark,
            Totals = new SnapshotFigures
            {
                Impressions = totals.Impressions,
                Reach = totals.Reach,
                Engagements = totals.Engagements,
                AuthenticEngagements = totals.AuthenticEngagements,
                EngagementRate = totals.EngagementRate,
                Clicks = totals.Clicks,
                Ctr = totals.Ctr,
                Emv = totals.Emv,
                UpdatedAt = state.Totals.UpdatedAtMs,
            },
            Creators = [.. campaign.Creators.Select(creator => Creator(creator, report.Creators[creator.CreatorId], state))],
            Series = await SeriesAsync(campaign.CampaignId, cancellationToken),
            Alerts = [.. alerts.Reverse().Take(RecentAlerts).Select(AlertView.Of)],
        };
    }

    private async Task<IReadOnlyList<SeriesPoint>> SeriesAsync(string campaignId, CancellationToken cancellationToken)
    {
        var key = AggregateKey.Campaign(campaignId);
        var toDate = await store.ReadBucketsAsync(key, long.MinValue, long.MaxValue, cancellationToken);
        if (toDate.Count == 0)
        {
            return [];
        }

        var newest = toDate[^1].Start;
        return [.. toDate
            .Where(b => b.Start > newest - (SeriesMinutes * EventTime.BucketMs))
            .Select(b => new SeriesPoint(
                b.Start,
                b.Figures.Counters.Impressions,
                b.Figures.Reach,
                b.Figures.Counters.Engagements,
                b.Figures.Counters.AuthenticEngagements,
                b.Figures.Counters.Clicks,
                b.Figures.UpdatedAtMs,
                b.CorrectedAtMs))];
    }

    public bool TryGetCampaign(string campaignId, out CampaignConfig campaign) => catalog.TryGet(campaignId, out campaign);

    private static SnapshotFigures Creator(CreatorConfig creator, CreatorReport figures, CampaignState state) => new()
    {
        CreatorId = creator.CreatorId,
        Name = creator.Name.Length > 0 ? creator.Name : creator.CreatorId,
        Impressions = figures.Impressions,
        Reach = figures.Reach,
        Engagements = figures.Engagements,
        AuthenticEngagements = figures.AuthenticEngagements,
        EngagementRate = figures.EngagementRate,
        Clicks = figures.Clicks,
        Ctr = figures.Ctr,
        Emv = figures.Emv,
        UpdatedAt = state.Creators.GetValueOrDefault(creator.CreatorId)?.UpdatedAtMs,
    };
}
