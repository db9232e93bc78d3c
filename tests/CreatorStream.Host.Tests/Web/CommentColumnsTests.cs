using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Web;
using CreatorStream.Processing.State;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Host.Tests.Web;

/// <summary>
/// The tables' comment and share-velocity columns (docs/design.md, "Content") over state the pipeline made from hand-made
/// events: anna's reel post-1, reported at T0, seen by u1, u2, u3, each of whom comments (one complaint, one praise, one
/// question) and two of whom share it, at 10 and 70 minutes.
/// </summary>
public sealed class CommentColumnsTests
{
    private const long Minute = 60_000;

    [Fact]
    public async Task Tables_CarryCommentsBySentiment_AndThePostsShareVelocity_AndTheExportsNameTheirColumns()
    {
        var catalog = CampaignCatalog.Parse(TablesFixture.CampaignJson);
        var campaign = catalog.Campaigns.Single();
        var store = new InMemoryStateStore();
        var processor = new StreamProcessor(catalog, ProcessorOptions.Default);
        const string c = "summer";
        var events = new StreamEvent[]
        {
            Post("post-1", T0, "#ad new serum, lnk-anna", campaign: c),
            Impression("u1", T0 + 1_000, campaign: c),
            Impression("u2", T0 + 2_000, campaign: c),
            Impression("u3", T0 + 3_000, campaign: c),
            Engagement("u1", T0 + 4_000, EngagementKind.Comment, campaign: c) with { CommentText = "this broke after one day, awful" },
            Engagement("u2", T0 + 5_000, EngagementKind.Comment, campaign: c) with { CommentText = "love it, the colours are amazing" },
            Engagement("u3", T0 + 6_000, EngagementKind.Comment, campaign: c) with { CommentText = "does it ship to Canada?" },
            Engagement("u2", T0 + (10 * Minute), EngagementKind.Share, campaign: c),
            Engagement("u3", T0 + (70 * Minute), EngagementKind.Share, campaign: c),
        };
        await store.CommitAsync(processor.Process(Batch(1_000, [.. events.Select((e, i) => Record(e, i))])).Delta, CancellationToken.None);
        // Three hours later: every event judged (the judge lag is seconds), the windows closed.
        await store.CommitAsync(processor.Process(Batch(2_000, Record(Click("u9", T0 + (180 * Minute), campaign: c), events.Length))).Delta, CancellationToken.None);

        var tables = new CampaignTables(store, TimeProvider.System);
        var anna = (await tables.CreatorsAsync(campaign, StateWindow.CampaignToDate, "last_touch", CancellationToken.None)).Rows.Single(r => r.CreatorId == "anna");
        var post = (await tables.ContentAsync(campaign, StateWindow.CampaignToDate, "last_touch", CancellationToken.None)).Rows.Single(r => r.ContentId == "post-1");

        foreach (var comments in new[] { anna.Comments, post.Comments })
        {
            Assert.Equal((3L, 1L, 1L, 1L), (comments.Judged, comments.Positive, comments.Neutral, comments.Negative));
            Assert.Equal(0.0, comments.NetSentiment); // (1 − 1) / 3
            Assert.Equal(3, comments.Meaningful); // none is generic praise or emoji only
        }

        // Two shares, 70 minutes apart: 2 over 70/60 hours = 1.714 an hour; hours 0 and 1 hold one each, the first is the peak.
        var velocity = Assert.IsType<Core.Content.ShareVelocity>(post.ShareVelocity);
        Assert.Equal((2L, 1L, 0), (velocity.Total, velocity.PeakHourShares, velocity.TimeToPeakHours));
        Assert.Equal(2 / (70.0 / 60), velocity.PerHour!.Value, 9);

        var columns = TableColumns.Content.Select(col => col.Name).ToList();
        Assert.Equal(["net_sentiment", "shares_per_hour"], columns.Where(n => n is "net_sentiment" or "shares_per_hour"));
        Assert.Contains("net_sentiment", TableColumns.Creators.Select(col => col.Name));
    }
}
