using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using CreatorStream.Simulation;
using CreatorStream.Testing;

namespace CreatorStream.Processing.Tests.Serving;

/// <summary>
/// Views kept by the change feed (the hub's pushes) equal a whole read of the store after every batch, on traffic with
/// late records, revisions of judged engagement, and windows that move on; only the first read of each view is whole.
/// </summary>
public sealed class LiveStatesTests
{
    private static GeneratorOptions Traffic(int seed) => new()
    {
        Seed = seed,
        StartMs = EventBuilder.T0,
        MaxEvents = 12_000,
        EventsPerSecond = 20, // ten minutes of event time: the five-minute window moves on, late records correct past minutes
        LateRate = 0.01,
        CreatorsPerCampaign = 4,
        UsersPerCampaign = 3_000,
    };

    [Theory]
    [InlineData(11, 1)]
    [InlineData(12, 3)] // marks of three batches build up between reads
    public async Task KeptViews_EqualAWholeRead_AfterEveryBatch(int seed, int checkEvery)
    {
        var check = new KeptViewsCheck(new InMemoryStateStore(), Traffic(seed)) { CheckEvery = checkEvery };

        var difference = await check.RunAsync(StateWindow.All);

        Assert.True(difference is null, difference);
        Assert.Equal(300 / checkEvery, check.Checks);
        Assert.True(check.ScopesCompared > 100_000 / checkEvery, $"{check.ScopesCompared} figures compared");
        var views = StateWindow.All.Count * new TrafficGenerator(Traffic(seed)).Campaigns.Campaigns.Count;
        Assert.Equal(views, check.WholeReads); // each view read whole once, when first asked for; then only what changed
    }

    [Fact]
    public async Task LostNotices_LeaveKeptViewsBehind_UntilTheFeedSaysSo()
    {
        // The check must be able to fail: notices dropped and never reported leave the kept views wrong...
        var unreported = new KeptViewsCheck(new InMemoryStateStore(), Traffic(13)) { NoticeLost = i => i % 50 == 7 };
        Assert.NotNull(await unreported.RunAsync([StateWindow.CampaignToDate]));

        // ...and when the feed says it may have lost notices (a reconnect), the next read is whole and right again.
        var reported = new KeptViewsCheck(new InMemoryStateStore(), Traffic(13)) { NoticeLost = i => i % 50 == 7, ReportLost = i => i % 50 == 7 };
        var difference = await reported.RunAsync([StateWindow.CampaignToDate, StateWindow.Last5Minutes]);
        Assert.True(difference is null, difference);
        Assert.True(reported.WholeReads > 2 * 6, $"{reported.WholeReads} whole reads");
    }

    [Fact]
    public async Task AViewNobodyReads_IsLetGo_AndReadWholeWhenAskedForAgain()
    {
        var clock = new SettableClock(DateTimeOffset.FromUnixTimeMilliseconds(EventBuilder.T0));
        using var feed = new InProcessChangeFeed();
        using var live = new LiveStates(new InMemoryStateStore(), feed, clock) { WholeReadInterval = TimeSpan.MaxValue };
        await live.ReadAsync("spring", StateWindow.CampaignToDate, default);
        await live.ReadAsync("spring", StateWindow.CampaignToDate, default);
        Assert.Equal((1, 1L), (live.Count, live.WholeReads));

        clock.Now += LiveStates.ForgetAfter;
        feed.Publish(new CampaignChange("spring", 0, 0) { Touched = [] });
        Assert.Equal(1, live.Count); // read exactly ForgetAfter ago: still kept

        clock.Now += TimeSpan.FromMilliseconds(1);
        feed.Publish(new CampaignChange("summer", 0, 0) { Touched = [] });
        Assert.Equal(0, live.Count);

        await live.ReadAsync("spring", StateWindow.CampaignToDate, default);
        Assert.Equal((1, 2L), (live.Count, live.WholeReads));
    }

    [Fact]
    public void ChangeOf_ABatch_ListsEveryAggregateItWrote_OrNoneWhenTooMany()
    {
        var delta = new StateDelta();
        var toDate = AggregateKey.Creator("spring", "ana");
        var minute = AggregateKey.Creator("spring", "ana", 60_000);
        delta.For(toDate);
        delta.For(minute);
        delta.For(AggregateKey.Content("summer", "bo", "p1", Core.Events.Platform.TikTok));

        var changes = CampaignChange.Of(delta).ToDictionary(c => c.CampaignId);

        // "spring" wrote no campaign totals (a revision of a creator's past minute): it is still told.
        Assert.Equal(["spring", "summer"], changes.Keys.Order());
        Assert.Equal([toDate, minute], changes["spring"].Touched!.OrderBy(k => k.BucketStart));

        var big = new StateDelta();
        for (var i = 0; i <= CampaignChange.MaxTouched; i++)
        {
            big.For(AggregateKey.Content("spring", "ana", $"p{i}", Core.Events.Platform.Instagram));
        }

        Assert.Null(Assert.Single(CampaignChange.Of(big)).Touched);
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
