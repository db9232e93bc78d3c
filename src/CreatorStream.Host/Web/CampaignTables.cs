using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;

namespace CreatorStream.Host.Web;

/// <summary>Reads a campaign's creator leaderboard and content table for REST and exports. Thread-safe.</summary>
public sealed class CampaignTables(IStateStore store, TimeProvider clock)
{
    /// <summary>
    /// The leaderboard: every creator, or with <paramref name="platform"/> (a wire name) each creator's figures on that
    /// platform (no credit or cost there: those are per creator), as the dashboard's platform filter shows them.
    /// </summary>
    public async Task<TableView<SnapshotFigures>> CreatorsAsync(CampaignConfig campaign, StateWindow window, string model, CancellationToken cancellationToken, string? platform = null)
    {
        var state = await store.ReadCampaignAsync(campaign.CampaignId, window, cancellationToken);
        if (platform is not null)
        {
            var names = CreatorRows.Names(campaign);
            return View(campaign, window, model, [.. state.CreatorPlatforms
                .Where(p => WireNames.Of(p.Key.Platform) == platform)
                .OrderBy(p => p.Key.CreatorId, StringComparer.Ordinal)
                .Select(p => SnapshotFigures.Of(p.Value, Emv.Of(p.Value.Counters, p.Key.Platform, campaign.Benchmarks)) with
                {
                    CreatorId = p.Key.CreatorId,
                    Name = names.GetValueOrDefault(p.Key.CreatorId, p.Key.CreatorId),
                    Platform = platform,
                })]);
        }

        var underModel = CreatorRows.UnderModel(campaign, model);
        return View(campaign, window, model, CreatorRows.Of(underModel, state, ReportBuilder.BuildFigures(underModel, state)));
    }

    /// <summary>
    /// One row per post; with <paramref name="platform"/> only that platform's, and with <paramref name="text"/> only the
    /// rows in which every word of it appears in the post id, the creator's id or name (case-insensitive): the content
    /// table's filters, so an export holds what the table shows.
    /// </summary>
    public async Task<TableView<ContentRow>> ContentAsync(CampaignConfig campaign, StateWindow window, string model, CancellationToken cancellationToken, string? platform = null, string? text = null)
    {
        var state = await store.ReadCampaignAsync(campaign.CampaignId, window, cancellationToken);
        var content = await store.ReadContentAsync(campaign.CampaignId, cancellationToken);
        var words = (text ?? "").ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return View(campaign, window, model, [.. ContentRows.Of(campaign, state, model, content.Posts).Where(row =>
            (platform is null || row.Platform == platform)
            && words.All(word => $"{row.ContentId} {row.CreatorId} {row.CreatorName}".ToLowerInvariant().Contains(word, StringComparison.Ordinal)))]);
    }

    private TableView<TRow> View<TRow>(CampaignConfig campaign, StateWindow window, string model, IReadOnlyList<TRow> rows) =>
        new(campaign.CampaignId, window.Name, model, campaign.Currency, clock.GetUtcNow().ToUnixTimeMilliseconds(), rows);
}
