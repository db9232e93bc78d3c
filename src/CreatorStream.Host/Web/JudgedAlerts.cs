using CreatorStream.Core.Configuration;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;
using CreatorStream.Processing.State;

namespace CreatorStream.Host.Web;

/// <summary>
/// The alerts judged on a campaign's to-date figures and hourly series when read (docs/design.md, "Alerts judged when
/// read"): <c>cpa_above_benchmark</c>, <c>goal_off_pace</c>, <c>ctr_drop</c> and <c>conversion_rate_drop</c>, by the
/// report's own code (<see cref="ReportBuilder.JudgedAlerts"/>), shaped as REST and the hub send alerts. Each id names
/// what the alert is about (kind, campaign, creator, where its window starts), so a re-judged alert replaces the one a
/// viewer holds. Thread-safe.
/// </summary>
public sealed class JudgedAlerts(IStateStore store, CampaignCatalog catalog)
{
    /// <summary>The campaign's judged alerts now: CPA, then the goal, then the drops (none before its first event).</summary>
    public async Task<IReadOnlyList<AlertView>> JudgeAsync(CampaignConfig campaign, CancellationToken cancellationToken)
    {
        var state = await store.ReadCampaignAsync(campaign.CampaignId, StateWindow.CampaignToDate, cancellationToken);
        if (state.Totals.LastEventTs is null)
        {
            return [];
        }

        var series = await CampaignSeriesReader.ReadHoursAsync(store, campaign, state.Totals, cancellationToken);
        var named = await NamedBaselineAsync(campaign, catalog, store, cancellationToken);
        return [.. ReportBuilder.JudgedAlerts(campaign, state, series, named).Select(alert => View(campaign.CampaignId, alert))];
    }

    /// <summary>
    /// A judged alert as an <see cref="AlertView"/>. It was judged from stored event-time figures, not raised at a wall-clock
    /// moment, so <c>detected_at</c> is the end of its window: the newest event time its evidence reaches.
    /// </summary>
    public static AlertView View(string campaignId, AlertReport alert) => new(
        $"{alert.Kind}:{campaignId}:{alert.CreatorId ?? "campaign"}:{alert.WindowStart}",
        alert.Kind,
        campaignId,
        alert.CreatorId,
        alert.ContentId,
        alert.WindowStart,
        alert.WindowEnd,
        alert.WindowEnd,
        alert.Details);

    /// <summary>The campaign its goal's baseline names, with its state to date (null when it has no events), or null without one.</summary>
    public static async Task<(CampaignConfig Campaign, CampaignState? State)?> NamedBaselineAsync(CampaignConfig campaign, CampaignCatalog catalog, IStateStore store, CancellationToken cancellationToken)
    {
        if (campaign.Goal?.BaselineCampaign is not { } id || !catalog.TryGet(id, out var named))
        {
            return null;
        }

        var state = await store.ReadCampaignAsync(id, StateWindow.CampaignToDate, cancellationToken);
        return (named, state.Totals.LastEventTs is null ? null : state);
    }
}
