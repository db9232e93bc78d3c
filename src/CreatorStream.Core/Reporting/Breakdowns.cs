using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Reporting;

/// <summary>
/// Revenue, ROI and ROAS by platform and by content format (docs/design.md, "Outcomes"). A creator's cost is per
/// creator, not per post, so it is allocated: the fixed costs evenly over the creator's posts (each post a deliverable),
/// the commission exactly, on each post's credited revenue. Pure.
/// </summary>
public static class Breakdowns
{
    public const string UnknownFormat = "unknown";

    public static BreakdownsReport Of(CampaignConfig campaign, CampaignState state, double campaignCost)
    {
        var model = campaign.Attribution.ReportingModel;
        var creators = campaign.Creators.ToDictionary(c => c.CreatorId, c => c.Costs, StringComparer.Ordinal);
        var posts = state.Content.OrderBy(p => p.Key.CreatorId, StringComparer.Ordinal).ThenBy(p => p.Key.ContentId, StringComparer.Ordinal).ThenBy(p => p.Key.Platform).ToList();
        var postsPerCreator = posts.GroupBy(p => p.Key.CreatorId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        // A post's credit is kept by content id; a content id seen on two platforms shares it evenly between them.
        var refsPerContent = posts.GroupBy(p => p.Key.ContentId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var platforms = new Dictionary<string, Sums>(StringComparer.Ordinal);
        var formats = new Dictionary<string, Sums>(StringComparer.Ordinal);
        double allocated = 0;
        foreach (var (post, view) in posts)
        {
            var credit = state.Attribution.Content.GetValueOrDefault((post.ContentId, model));
            var share = 1.0 / refsPerContent[post.ContentId];
            var costs = creators.GetValueOrDefault(post.CreatorId);
            var cost = costs is null ? 0 : (costs.Fixed / postsPerCreator[post.CreatorId]) + (costs.CommissionRate * credit.Revenue * share);
            allocated += cost;
            Add(platforms, WireNames.Of(post.Platform), view, credit.Conversions * share, credit.Revenue * share, cost);
            Add(formats, view.Format is { } format ? WireNames.Of(format) : UnknownFormat, view, credit.Conversions * share, credit.Revenue * share, cost);
        }

        var report = new BreakdownsReport { UnallocatedCost = campaignCost - allocated };
        foreach (var (platform, sums) in platforms)
        {
            var reach = WireNames.TryParsePlatform(platform, out var parsed) ? state.Platforms.GetValueOrDefault(parsed)?.Reach : null;
            report.Platforms[platform] = sums.Row() with { Reach = reach ?? 0 };
        }

        foreach (var (format, sums) in formats)
        {
            report.Formats[format] = sums.Row();
        }

        return report;
    }

    private static void Add(Dictionary<string, Sums> rows, string key, AggregateView view, double conversions, double revenue, double cost)
    {
        var sums = rows.GetValueOrDefault(key) ?? new Sums();
        sums.Posts++;
        sums.Counters.Add(view.Counters);
        sums.Conversions += conversions;
        sums.Revenue += revenue;
        sums.Cost += cost;
        rows[key] = sums;
    }

    private sealed class Sums
    {
        public long Posts;
        public Counters Counters;
        public double Conversions;
        public double Revenue;
        public double Cost;

        public BreakdownRow Row()
        {
            var returns = Returns.Of(Revenue, Conversions, Cost);
            return new BreakdownRow
            {
                Posts = Posts,
                Impressions = Counters.Impressions,
                Engagements = Counters.Engagements,
                AuthenticEngagements = Counters.AuthenticEngagements,
                Clicks = Counters.Clicks,
                Ctr = Ratio.Of(Counters.Clicks, Counters.Impressions),
                Conversions = Conversions,
                Revenue = Revenue,
                Cost = Cost,
                Roi = returns.Roi,
                Roas = returns.Roas,
            };
        }
    }
}
