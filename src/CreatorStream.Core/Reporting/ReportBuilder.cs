using CreatorStream.Core.Alerts;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Reporting;

/// <summary>
/// Builds the replay report (DESIGN.md section 9) from campaign-to-date state. Pure: the same state gives the same
/// report whether it came from replay's memory store or from Redis after a live run.
/// </summary>
public static class ReportBuilder
{
    public static ReplayReport Build(CampaignCatalog catalog, IReadOnlyList<CampaignState> campaigns, StreamCounters counters, IReadOnlyDictionary<string, IReadOnlyList<Alert>> alerts)
    {
        var report = new ReplayReport
        {
            DeadLetters = counters.DeadLetterTotal,
            Duplicates = counters.Duplicates,
            Late = counters.Late,
        };

        foreach (var (reason, count) in counters.DeadLetters)
        {
            report.DeadLettersByReason[DeadLetterReasons.Code(reason)] = count;
        }

        foreach (var state in campaigns)
        {
            if (catalog.TryGet(state.CampaignId, out var campaign))
            {
                report.Campaigns[state.CampaignId] = BuildCampaign(campaign, state) with
                {
                    Alerts = [.. alerts.GetValueOrDefault(state.CampaignId, []).OrderBy(a => a.WindowStart).ThenBy(a => a.AlertId, StringComparer.Ordinal).Select(ToReport)],
                };
            }
        }

        return report;
    }

    /// <summary>One campaign's section of the report; the live snapshot uses it too, so both show the same figures.</summary>
    public static CampaignReport BuildCampaign(CampaignConfig campaign, CampaignState state)
    {
        var emvByCreator = state.Content
            .GroupBy(entry => entry.Key.CreatorId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(entry => Emv.Of(entry.Value.Counters, entry.Key.Platform, campaign.Benchmarks)), StringComparer.Ordinal);

        var report = new CampaignReport { Totals = Totals(state.Totals, emvByCreator.Values.Sum()) };

        // Every configured creator appears, with zeros if nothing arrived yet: a manager wants to see who is silent.
        foreach (var creator in campaign.Creators)
        {
            var view = state.Creators.GetValueOrDefault(creator.CreatorId) ?? AggregateView.Empty;
            report.Creators[creator.CreatorId] = Creator(view, emvByCreator.GetValueOrDefault(creator.CreatorId));
        }

        foreach (var (content, view) in state.Content)
        {
            report.Content[content.ContentId] = new ContentReport
            {
                CreatorId = content.CreatorId,
                Platform = WireNames.Of(content.Platform),
                ContentFormat = view.Format is { } format ? WireNames.Of(format) : null,
                Impressions = view.Counters.Impressions,
                Reach = view.Reach,
                Engagements = EngagementCounts.From(view.Counters),
                Clicks = view.Counters.Clicks,
                Ctr = Ratio.Of(view.Counters.Clicks, view.Counters.Impressions),
            };
        }

        return report;
    }

    public static AlertReport ToReport(Alert alert) => new()
    {
        Kind = alert.Kind,
        CreatorId = alert.CreatorId,
        ContentId = alert.ContentId,
        WindowStart = alert.WindowStart,
        WindowEnd = alert.WindowEnd,
        Details = (System.Text.Json.Nodes.JsonObject)alert.Details.DeepClone(),
    };

    private static TotalsReport Totals(AggregateView view, double emv) => new()
    {
        Impressions = view.Counters.Impressions,
        Reach = view.Reach,
        Engagements = EngagementCounts.From(view.Counters),
        AuthenticEngagements = view.Counters.AuthenticEngagements,
        EngagementRate = Ratio.Of(view.Counters.AuthenticEngagements, view.Reach),
        Clicks = view.Counters.Clicks,
        Ctr = Ratio.Of(view.Counters.Clicks, view.Counters.Impressions),
        Emv = emv,
    };

    private static CreatorReport Creator(AggregateView view, double emv) => new()
    {
        Impressions = view.Counters.Impressions,
        Reach = view.Reach,
        Engagements = EngagementCounts.From(view.Counters),
        AuthenticEngagements = view.Counters.AuthenticEngagements,
        EngagementRate = Ratio.Of(view.Counters.AuthenticEngagements, view.Reach),
        AuthenticityScore = Ratio.Of(view.Counters.AuthenticEngagements, view.Counters.Engagements),
        Clicks = view.Counters.Clicks,
        Ctr = Ratio.Of(view.Counters.Clicks, view.Counters.Impressions),
        Emv = emv,
    };
}
