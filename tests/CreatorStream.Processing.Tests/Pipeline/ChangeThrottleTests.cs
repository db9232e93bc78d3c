using System.Reactive.Concurrency;
using System.Reactive.Subjects;
using CreatorStream.Processing.Pipeline;

namespace CreatorStream.Processing.Tests.Pipeline;

/// <summary>Virtual time (Rx's HistoricalScheduler): no sleeps, exact instants.</summary>
public sealed class ChangeThrottleTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    [Fact]
    public void PerCampaign_BurstOfChanges_SendsOnlyTheLatestOncePerInterval()
    {
        var scheduler = new HistoricalScheduler();
        var changes = new Subject<CampaignChange>();
        var sent = new List<(TimeSpan At, CampaignChange Change)>();
        using var subscription = changes.PerCampaign(Interval, scheduler).Subscribe(c => sent.Add((scheduler.Clock - DateTimeOffset.MinValue, c)));

        for (var i = 1; i <= 10; i++)
        {
            changes.OnNext(new CampaignChange("spring", i, i));
            scheduler.AdvanceBy(TimeSpan.FromMilliseconds(40));
        }

        scheduler.AdvanceBy(TimeSpan.FromSeconds(1));

        // Changes arrive at 0, 40, …, 360 ms; samples fire at 250 and 500 ms: the latest before each, then silence.
        Assert.Equal([TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500)], sent.Select(s => s.At));
        Assert.Equal([7L, 10L], sent.Select(s => s.Change.Watermark));
    }

    [Fact]
    public void PerCampaign_TwoCampaigns_AreThrottledIndependently()
    {
        var scheduler = new HistoricalScheduler();
        var changes = new Subject<CampaignChange>();
        var sent = new List<string>();
        using var subscription = changes.PerCampaign(Interval, scheduler).Subscribe(c => sent.Add(c.CampaignId));

        changes.OnNext(new CampaignChange("spring", 1, 1));
        changes.OnNext(new CampaignChange("summer", 1, 1));
        changes.OnNext(new CampaignChange("spring", 2, 2));
        scheduler.AdvanceBy(Interval);

        Assert.Equal(["spring", "summer"], sent.Order());
    }
}
