using CreatorStream.Core.Alerts;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Content;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;
using CreatorStream.Simulation;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// Generated posts replayed through the pipeline (docs/design.md, "Content"). The oracle is the generator's plan for each
/// post (<see cref="PostReports.PlanOf"/>: which compliance problem its caption was written to have, which are fixed by
/// an edit), not the rules: every planted problem is flagged and nothing else is, an edit clears what it fixed, each
/// deliverable's standing equals a recount from the reported posts, each late one was alerted once, each post's
/// shares equal the share events counted, and comments by sentiment equal the scorer over every comment's text.
/// </summary>
public sealed class GeneratedContentTests
{
    private readonly HashSet<string> _statuses = new(StringComparer.Ordinal);

    private static readonly HashSet<Platform> CutCaptions = [Platform.Instagram, Platform.TikTok, Platform.YouTube, Platform.Facebook, Platform.X];

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Replay_GeneratedPosts_FlagsEqualWhatWasPlanted_AndDeliverablesEqualARecount(int seed)
    {
        // Nothing judged inauthentic (the flag threshold above any suspicion), so every share counts.
        var options = ProcessorOptions.Default with { Authenticity = ProcessorOptions.Default.Authenticity with { FlagThreshold = 2 } };
        // Four hours of event time at 10 events a second: long enough for deliverables to fall due and their reports' grace to pass.
        var replay = await GeneratedReplay.RunAsync(seed, maxEvents: 150_000, options, posts: true, eventsPerSecond: 10);
        var counted = replay.Counted;
        var reports = counted.OfType<PostEvent>().ToList();
        Assert.True(reports.Count > 40, $"only {reports.Count} post reports");

        var planted = 0;
        foreach (var campaign in replay.Catalog.Campaigns)
        {
            var section = replay.Report.Campaigns[campaign.CampaignId].Publishing!;
            var posts = reports.Where(r => r.CampaignId == campaign.CampaignId).GroupBy(r => (r.CreatorId, r.Platform, r.ContentId)).ToList();
            var expected = new List<(string Content, string Kind, bool Cleared)>();
            foreach (var post in posts)
            {
                var plan = PostReports.PlanOf(post.Key.ContentId);
                var alone = campaign.Creators.Count == 1;
                var kind = plan switch
                {
                    ComplianceKinds.DisclosureBuried when !CutCaptions.Contains(post.Key.Platform) => null, // shown whole: in view
                    ComplianceKinds.LinkMismatch when alone => null,
                    _ => plan,
                };
                if (kind is not null)
                {
                    var fixedByEdit = kind == ComplianceKinds.DisclosureMissing && post.Any(r => r.Action == PostAction.Edited);
                    expected.Add((post.Key.ContentId, kind, fixedByEdit));
                }
            }

            planted += expected.Count;
            var actual = section.ComplianceFlags.Select(f => (f.ContentId, f.Kind, f.ClearedAt is not null));
            Assert.Equal(expected.Order(), actual.Order());
            Assert.All(section.ComplianceFlags.Where(f => f.Kind == ComplianceKinds.LinkMismatch), f =>
                Assert.True(f.Evidence.LinkOwner is { } owner && owner != f.CreatorId, $"{f.ContentId}: {f.Summary}"));

            AssertDeliverables(campaign, replay.Catalog, reports, counted, section.Deliverables, replay.Report.Campaigns[campaign.CampaignId].Alerts);
            AssertShares(campaign, counted, section.Posts);
            AssertComments(campaign, counted, replay.Report.Campaigns[campaign.CampaignId]);
        }

        Assert.True(planted > 5, $"only {planted} planted problems");
        Assert.Contains(DeliverableStatus.Late, _statuses); // the run has deliverables of each kind to check
        Assert.Contains(DeliverableStatus.Posted, _statuses);
    }

    /// <summary>Each creator's live reported posts assigned to their deliverables in publication order, each deliverable by its due time.</summary>
    private void AssertDeliverables(CampaignConfig campaign, CampaignCatalog catalog, List<PostEvent> reports, List<StreamEvent> counted, IReadOnlyList<DeliverableRecord> actual, IReadOnlyList<Core.Reporting.AlertReport> alerts)
    {
        // Event time at the end of the input: the brand's newest event.
        var brandCampaigns = catalog.Campaigns.Where(c => c.BrandId == campaign.BrandId).Select(c => c.CampaignId).ToHashSet();
        var frontier = counted.Where(e => e switch
        {
            AudienceEvent a => brandCampaigns.Contains(a.CampaignId),
            PostEvent p => brandCampaigns.Contains(p.CampaignId),
            Conversion c => c.BrandId == campaign.BrandId,
            LeadUpdate u => u.BrandId == campaign.BrandId,
            SiteSession s => s.BrandId == campaign.BrandId,
            _ => false,
        }).Max(e => e.Ts);

        var expected = new List<(string Id, int Posted, string Status)>();
        foreach (var creator in campaign.Creators)
        {
            var live = reports.Where(r => r.CampaignId == campaign.CampaignId && r.CreatorId == creator.CreatorId)
                .GroupBy(r => (r.Platform, r.ContentId))
                .Select(g => g.OrderBy(r => r.Ts).ThenBy(r => r.EventId, StringComparer.Ordinal).Last())
                .Where(r => r.Action != PostAction.Deleted)
                .OrderBy(r => r.PublishedAt).ThenBy(r => r.ContentId, StringComparer.Ordinal)
                .ToList();
            var claimed = new HashSet<(Platform, string)>();
            foreach (var (deliverable, index) in (creator.Deliverables ?? []).Select((d, i) => (d, i)).OrderBy(x => x.d.Due).ThenBy(x => x.i))
            {
                var due = deliverable.Due!.Value.ToUnixTimeMilliseconds();
                var mine = live.Where(r => WireNames.Of(r.Platform) == deliverable.Platform && !claimed.Contains((r.Platform, r.ContentId))).Take(deliverable.Posts).ToList();
                claimed.UnionWith(mine.Select(r => (r.Platform, r.ContentId)));
                var status = mine.Count == deliverable.Posts
                    ? (mine.Max(r => r.PublishedAt) <= due ? DeliverableStatus.Posted : DeliverableStatus.PostedLate)
                    : (frontier >= due + ContentTracker.ReportGraceMs ? DeliverableStatus.Late : DeliverableStatus.Due);
                expected.Add(($"{creator.CreatorId}#{index}", mine.Count, status));
            }
        }

        Assert.Equal(expected.Order(), actual.Select(d => (d.DeliverableId, d.Posted, d.Status)).Order());
        _statuses.UnionWith(actual.Select(d => d.Status));

        // A late deliverable was alerted once; one posted in time never was.
        var alerted = alerts.Where(a => a.Kind == AlertKinds.DeliverableMissing).Select(a => (string)a.Details["deliverable_id"]!).ToList();
        Assert.Equal(alerted.Count, alerted.Distinct().Count());
        Assert.All(actual.Where(d => d.Status == DeliverableStatus.Late), d => Assert.Contains(d.DeliverableId, alerted));
        Assert.All(actual.Where(d => d.Status == DeliverableStatus.Posted), d => Assert.DoesNotContain(d.DeliverableId, alerted));
    }

    /// <summary>
    /// Comments by sentiment, quality and brand mention per campaign, creator and post equal the scorer run over every
    /// comment's text (nothing is judged inauthentic here, so every comment counts).
    /// </summary>
    private static void AssertComments(CampaignConfig campaign, List<StreamEvent> counted, Core.Reporting.CampaignReport section)
    {
        var comments = counted.OfType<Engagement>().Where(e => e.CampaignId == campaign.CampaignId && e.Kind == EngagementKind.Comment && !string.IsNullOrWhiteSpace(e.CommentText)).ToList();
        Assert.True(comments.Count > 50, $"only {comments.Count} comments with text");
        (long, long, long, long, long) Expected(IEnumerable<Engagement> scope)
        {
            var traits = scope.Select(e => CommentTraits.Of(e.CommentText, campaign.BrandTerms)).ToList();
            return (
                traits.Count(t => CommentTraits.SentimentOf(t) == SentimentClass.Positive),
                traits.Count(t => CommentTraits.SentimentOf(t) == SentimentClass.Neutral),
                traits.Count(t => CommentTraits.SentimentOf(t) == SentimentClass.Negative),
                traits.Count(CommentTraits.IsMeaningful),
                traits.Count(CommentTraits.MentionsBrand));
        }

        static (long, long, long, long, long) Actual(Core.Reporting.CommentsReport c) => (c.Positive, c.Neutral, c.Negative, c.Meaningful, c.BrandMentions);

        Assert.Equal(Expected(comments), Actual(section.Totals.Comments));
        foreach (var creator in campaign.Creators)
        {
            Assert.Equal(Expected(comments.Where(e => e.CreatorId == creator.CreatorId)), Actual(section.Creators[creator.CreatorId].Comments));
        }

        foreach (var (contentId, post) in section.Content)
        {
            Assert.Equal(Expected(comments.Where(e => e.ContentId == contentId)), Actual(post.Comments));
        }

        Assert.True(section.Totals.Comments.Positive > 0 && section.Totals.Comments.Meaningful > 0, "the generator's comments should have some of each");
    }

    private static void AssertShares(CampaignConfig campaign, List<StreamEvent> counted, IReadOnlyList<PostRecord> posts)
    {
        var shares = counted.OfType<Engagement>().Where(e => e.CampaignId == campaign.CampaignId && e.Kind == EngagementKind.Share)
            .GroupBy(e => (e.CreatorId, WireNames.Of(e.Platform), e.ContentId)).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.NotEmpty(shares);
        foreach (var post in posts)
        {
            Assert.Equal(shares.GetValueOrDefault((post.CreatorId, post.Platform, post.ContentId)), post.Shares.Total);
            Assert.True(post.Shares.PeakHourShares <= post.Shares.Total);
        }

        Assert.All(shares.Keys, key => Assert.Contains(posts, p => (p.CreatorId, p.Platform, p.ContentId) == key));
    }
}
