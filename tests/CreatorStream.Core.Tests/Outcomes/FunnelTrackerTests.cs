using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Outcomes;
using CreatorStream.Core.Sketches;
using CreatorStream.Core.State;
using CreatorStream.Testing;

namespace CreatorStream.Core.Tests.Outcomes;

/// <summary>
/// The funnel's counts of a post, a creator and a campaign, hand-computed, where a post found again by its ids'
/// references (docs/design.md, "Per-event cost") could be taken for another: one content id under two creators, a post
/// seen on a second platform, and equal ids of other instances.
/// </summary>
public sealed class FunnelTrackerTests
{
    [Fact]
    public void Pass_OneContentIdUnderTwoCreators_CountsEachCreatorsPostApart()
    {
        var funnel = new FunnelTracker(TestCampaigns.Spring());
        var delta = new StateDelta();
        var content = new string("post-1".AsSpan()); // one instance for both creators' posts, as the decoder's pool gives

        funnel.Pass("spring", "anna", content, Platform.Instagram, User("u1"), FunnelStage.Reached, delta);
        funnel.Pass("spring", "ben", content, Platform.Instagram, User("u1"), FunnelStage.Reached, delta);
        funnel.Pass("spring", "anna", content, Platform.Instagram, User("u2"), FunnelStage.Reached, delta);
        funnel.Pass("spring", "ben", content, Platform.Instagram, User("u1"), FunnelStage.Engaged, delta);

        Assert.Equal((2, 0), Reached(delta, AggregateKey.Content("spring", "anna", "post-1", Platform.Instagram)));
        Assert.Equal((1, 1), Reached(delta, AggregateKey.Content("spring", "ben", "post-1", Platform.Instagram)));
        Assert.Equal((2, 0), Reached(delta, AggregateKey.Creator("spring", "anna")));
        Assert.Equal((1, 1), Reached(delta, AggregateKey.Creator("spring", "ben")));
        Assert.Equal((2, 1), Reached(delta, AggregateKey.Campaign("spring"))); // u1 and u2 reached; u1 engaged
    }

    [Fact]
    public void Pass_APostSeenAgainOnAnotherPlatform_CountsOnThePlatformItWasFirstSeenOn()
    {
        var funnel = new FunnelTracker(TestCampaigns.Spring());
        var delta = new StateDelta();
        var content = new string("post-1".AsSpan());

        funnel.Pass("spring", "anna", content, Platform.Instagram, User("u1"), FunnelStage.Reached, delta);
        funnel.Pass("spring", "anna", content, Platform.TikTok, User("u2"), FunnelStage.Reached, delta);
        funnel.Pass("spring", "anna", new string("post-1".AsSpan()), Platform.TikTok, User("u3"), FunnelStage.Reached, delta);

        Assert.Equal((3, 0), Reached(delta, AggregateKey.Content("spring", "anna", "post-1", Platform.Instagram)));
        Assert.False(delta.Aggregates.ContainsKey(AggregateKey.Content("spring", "anna", "post-1", Platform.TikTok)));
        Assert.True(funnel.TryGetPostPlatform("spring", "anna", "post-1", out var platform));
        Assert.Equal(Platform.Instagram, platform);
    }

    [Fact]
    public void Pass_ACreatorNotConfigured_CountsNothing()
    {
        var funnel = new FunnelTracker(TestCampaigns.Spring());
        var delta = new StateDelta();
        var content = new string("post-1".AsSpan());
        funnel.Pass("spring", "anna", content, Platform.Instagram, User("u1"), FunnelStage.Reached, delta);

        funnel.Pass("spring", "carl", content, Platform.Instagram, User("u2"), FunnelStage.Reached, delta); // the same id instance
        funnel.Pass("autumn", "anna", content, Platform.Instagram, User("u3"), FunnelStage.Reached, delta);

        Assert.Equal((1, 0), Reached(delta, AggregateKey.Content("spring", "anna", "post-1", Platform.Instagram)));
        Assert.Equal((1, 0), Reached(delta, AggregateKey.Campaign("spring")));
        Assert.False(delta.Aggregates.ContainsKey(AggregateKey.Creator("spring", "carl")));
        Assert.False(delta.Aggregates.ContainsKey(AggregateKey.Campaign("autumn")));
    }

    private static ulong User(string id) => UserHash.Of(id);

    private static (long Reached, long Engaged) Reached(StateDelta delta, AggregateKey key) =>
        (delta.Aggregates[key].Counters.FunnelReached, delta.Aggregates[key].Counters.FunnelEngaged);
}
