using CreatorStream.Core.Configuration;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;

namespace CreatorStream.Host.Web;

/// <summary>Reads a campaign's creator leaderboard and content table for REST and exports. Thread-safe.</summary>
public sealed class CampaignTables(IStateStore store, TimeProvider clock)
{
    public async Task<TableView<SnapshotFigures>> CreatorsAsync(CampaignConfig campaign, StateWindow window, string model, CancellationToken cancellationToken)
    {
        var state = await store.ReadCampaignAsync(campaign.CampaignId, window, cancellationToken);
        var underModel = CreatorRows.UnderModel(campaign, model);
        return View(campaign, window, model, CreatorRows.Of(underModel, state, ReportBuilder.BuildCampaign(underModel, state)));
    }

    public async Task<TableView<ContentRow>> ContentAsync(CampaignConfig campaign, StateWindow window, string model, CancellationToken cancellationToken)
    {
        var state = await store.ReadCampaignAsync(campaign.CampaignId, window, cancellationToken);
        return View(campaign, window, model, ContentRows.Of(campaign, state, model));
    }

    private TableView<TRow> View<TRow>(CampaignConfig campaign, StateWindow window, string model, IReadOnlyList<TRow> rows) =>
        new(campaign.CampaignId, window.Name, model, campaign.Currency, clock.GetUtcNow().ToUnixTimeMilliseconds(), rows);
}
