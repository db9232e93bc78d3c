using CreatorStream.Core.Alerts;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;

namespace CreatorStream.Processing.State;

/// <summary>The replay report (docs/design.md, "Replay report") read from any state store: replay's memory store, or Redis after a live run.</summary>
public static class StoredReport
{
    public static async Task<ReplayReport> ReadAsync(IStateStore store, CampaignCatalog catalog, CancellationToken cancellationToken)
    {
        var states = new List<CampaignState>();
        var alerts = new Dictionary<string, IReadOnlyList<Alert>>(StringComparer.Ordinal);
        var series = new Dictionary<string, Core.Trends.CampaignSeries>(StringComparer.Ordinal);
        var content = new Dictionary<string, Core.Content.CampaignContent>(StringComparer.Ordinal);
        foreach (var campaign in catalog.Campaigns)
        {
            var state = await store.ReadCampaignAsync(campaign.CampaignId, StateWindow.CampaignToDate, cancellationToken);
            states.Add(state);
            alerts[campaign.CampaignId] = await store.ReadAlertsAsync(campaign.CampaignId, cancellationToken);
            series[campaign.CampaignId] = await CampaignSeriesReader.ReadHoursAsync(store, campaign, state.Totals, cancellationToken);
            content[campaign.CampaignId] = await store.ReadContentAsync(campaign.CampaignId, cancellationToken);
        }

        return ReportBuilder.Build(catalog, states, await store.ReadCountersAsync(cancellationToken), alerts, series, content);
    }
}
