using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;

namespace CreatorStream.Host.Web;

/// <summary>The content table's rows: one per post (creator, content id, platform) that has figures in the window. Pure.</summary>
public static class ContentRows
{
    /// <summary>
    /// Rows ordered by content id, then creator id, then platform (stable; the dashboard sorts). Ratios and EMV come
    /// from Core (<see cref="AggregateView.EngagementRate"/>, <see cref="AggregateView.Ctr"/>, <see cref="Emv.Of"/>),
    /// the same as the report. Attributed credit is stored per (content id, model), without the creator or platform:
    /// when one content id appears in several rows (two platforms or creators reusing an id) the credit cannot be
    /// split honestly, so those rows show null rather than a double count.
    /// </summary>
    /// <param name="campaign">The campaign, for creators' names and EMV benchmarks.</param>
    /// <param name="state">Its figures over the window.</param>
    /// <param name="model">The attribution model of the credit shown.</param>
    /// <param name="posts">The content tracker's records, for share velocity and platform-reported figures (to date); none leaves them null.</param>
    public static IReadOnlyList<ContentRow> Of(CampaignConfig campaign, CampaignState state, string model, IReadOnlyList<Core.Content.PostRecord>? posts = null)
    {
        var records = (posts ?? []).ToDictionary(p => (p.CreatorId, p.Platform, p.ContentId));
        var toDate = state.Window.Span is null;
        var names = CreatorRows.Names(campaign);
        var rowsPerId = state.Content.Keys.CountBy(k => k.ContentId).ToDictionary(StringComparer.Ordinal);
        return [.. state.Content
            .OrderBy(c => c.Key.ContentId, StringComparer.Ordinal)
            .ThenBy(c => c.Key.CreatorId, StringComparer.Ordinal)
            .ThenBy(c => c.Key.Platform)
            .Select(entry =>
            {
                var (key, view) = (entry.Key, entry.Value);
                CreditSums? credited = toDate && rowsPerId[key.ContentId] == 1 ? state.Attribution.Content.GetValueOrDefault((key.ContentId, model)) : null;
                return new ContentRow
                {
                    ContentId = key.ContentId,
                    CreatorId = key.CreatorId,
                    CreatorName = names.GetValueOrDefault(key.CreatorId, key.CreatorId),
                    Platform = WireNames.Of(key.Platform),
                    ContentFormat = view.Format is { } format ? WireNames.Of(format) : null,
                    Impressions = view.Counters.Impressions,
                    Reach = view.Reach,
                    Engagements = EngagementCounts.From(view.Counters),
                    AuthenticEngagements = view.Counters.AuthenticEngagements,
                    Comments = CommentsReport.Of(view.Counters),
                    ShareVelocity = records.GetValueOrDefault((key.CreatorId, WireNames.Of(key.Platform), key.ContentId))?.Shares,
                    PlatformReported = records.GetValueOrDefault((key.CreatorId, WireNames.Of(key.Platform), key.ContentId))?.PlatformReported,
                    InauthenticEngagements = view.Counters.InauthenticEngagements,
                    EngagementRate = view.EngagementRate,
                    Clicks = view.Counters.Clicks,
                    Ctr = view.Ctr,
                    Saves = view.Counters.Saves,
                    Shares = view.Counters.Shares,
                    Conversions = credited?.Conversions,
                    Revenue = credited?.Revenue,
                    Emv = Emv.Of(view.Counters, key.Platform, campaign.Benchmarks),
                    Funnel = toDate ? FunnelReport.From(view.Counters) : null,
                    UpdatedAt = view.UpdatedAtMs,
                };
            })];
    }
}
