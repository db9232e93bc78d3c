using System.Text;
using CreatorStream.Core.Alerts;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// Revisions through the whole pipeline (docs/design.md, "Authenticity"): a ring's first posts are counted authentic when
/// they are judged, and once the ring shows itself they leave the authentic figures, to date and in their minutes (whose
/// published windows are corrected), and the incident on each of those posts is alerted.
/// </summary>
public sealed class RevisionReplayTests
{
    private const long Minute = 60_000;
    private const int Members = 24;
    private const int Viewers = 5;

    private static readonly (string Creator, string Content, long At)[] Posts =
        [("anna", "a-1", T0), ("ben", "b-1", T0 + (30 * Minute)), ("anna", "a-2", T0 + (60 * Minute)), ("ben", "b-2", T0 + (90 * Minute)), ("anna", "a-3", T0 + (120 * Minute))];

    [Fact]
    public async Task Replay_RingFoundAtItsThirdPost_TakesItsEarlierLikesOutOfTheAuthenticFigures()
    {
        var store = new InMemoryStateStore();
        var outcome = await new Replayer(TestCampaigns.Spring(), ProcessorOptions.Default, TimeProvider.System)
            .RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', Lines()))), null, CancellationToken.None, store);

        // Hand-computed: every post has 24 ring likes and 5 viewers' likes; only the viewers' are authentic.
        var spring = outcome.Report.Campaigns["spring"];
        Assert.Equal(Posts.Length * (Members + Viewers), spring.Totals.Engagements.Total);
        Assert.Equal(Posts.Length * Viewers, spring.Totals.AuthenticEngagements);
        Assert.Equal(3 * Viewers, spring.Creators["anna"].AuthenticEngagements);
        Assert.Equal(2 * Viewers, spring.Creators["ben"].AuthenticEngagements);

        // The first post's minutes were published with the ring counted authentic, then corrected.
        var firstPost = AggregateKey.Content("spring", "anna", "a-1", Platform.Instagram);
        var buckets = await store.ReadBucketsAsync(firstPost, T0, T0 + (20 * Minute), CancellationToken.None);
        Assert.Equal(Viewers, buckets.Sum(b => b.Figures.Counters.AuthenticEngagements));
        Assert.Contains(buckets, b => b.CorrectedAtMs is not null && b.Figures.Counters.Likes > b.Figures.Counters.AuthenticEngagements);

        // One incident per post, the first ones raised by the revision, each naming the ring.
        var incidents = spring.Alerts.Where(a => a.Kind == AlertKinds.InauthenticEngagement).ToList();
        Assert.Equal(Posts.Select(p => p.Content).Order(), incidents.Select(a => a.ContentId!).Order());
        Assert.All(incidents, a => Assert.Contains("pod_ring", a.Details["top_reasons"]!.AsArray().Select(r => (string)r!)));
        Assert.All(incidents, a => Assert.Equal(Members, (int)a.Details["suspicious_engagements"]!));
    }

    /// <summary>Each post: it goes up, five viewers are shown it and like it, and the ring's members each like it minutes in, shown it once.</summary>
    private static IEnumerable<string> Lines()
    {
        foreach (var (creator, content, at) in Posts)
        {
            yield return Text(Impression("passer-by", at, creator, content));
            for (var i = 0; i < Viewers; i++)
            {
                var shown = at + (10 * Minute) + (i * 40_000);
                yield return Text(Impression($"viewer-{content}-{i}", shown, creator, content));
                yield return Text(Engagement($"viewer-{content}-{i}", shown + 3_000, EngagementKind.Like, creator, content) with { AccountAgeDays = 700 });
            }

            for (var i = 0; i < Members; i++)
            {
                var liked = at + (2 * Minute) + (i * 10_000);
                yield return Text(Impression($"member-{i}", liked - 5_000, creator, content));
                yield return Text(Engagement($"member-{i}", liked, EngagementKind.Like, creator, content) with { AccountAgeDays = 500, IpHash = $"ip-{i}" });
            }
        }
    }

    private static string Text(StreamEvent e) => Encoding.UTF8.GetString(Line(e));
}
