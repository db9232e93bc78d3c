using BenchmarkDotNet.Attributes;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Sketches;
using CreatorStream.Core.State;
using CreatorStream.Core.Windows;

namespace CreatorStream.Benchmarks;

/// <summary>
/// Counting one audience event into a batch's deltas as the processor does: its campaign, creator and post, to date
/// and in its one-minute bucket (six dictionary lookups keyed by strings), per event. (EventCounting is internal to
/// Core; its three cases are spelled out here.)
/// </summary>
[MemoryDiagnoser]
public class BucketUpdateBenchmarks
{
    private const int Records = 4_096;
    private AudienceEvent[] _events = [];

    [GlobalSetup]
    public void Setup() => _events = [.. Traffic.Events(Records).OfType<AudienceEvent>()];

    [Benchmark(OperationsPerInvoke = Records)]
    public int CountIntoDeltas()
    {
        var delta = new StateDelta();
        foreach (var e in _events)
        {
            var bucket = EventTime.BucketStart(e.Ts);
            Span<AggregateKey> keys =
            [
                AggregateKey.Campaign(e.CampaignId),
                AggregateKey.Creator(e.CampaignId, e.CreatorId),
                AggregateKey.Content(e.CampaignId, e.CreatorId, e.ContentId, e.Platform),
                AggregateKey.Campaign(e.CampaignId, bucket),
                AggregateKey.Creator(e.CampaignId, e.CreatorId, bucket),
                AggregateKey.Content(e.CampaignId, e.CreatorId, e.ContentId, e.Platform, bucket),
            ];
            foreach (var key in keys)
            {
                var aggregate = delta.For(key);
                switch (e)
                {
                    case Impression: aggregate.Counters.Impressions++; break;
                    case Engagement engagement: aggregate.Counters.AddEngagement(engagement.Kind, authentic: false); break;
                    default: aggregate.Counters.Clicks++; break;
                }

                aggregate.Touch(e.Ts);
                if (e is Impression)
                {
                    aggregate.UserHashes.Add(UserHash.Of(e.UserId));
                }
            }
        }

        return delta.Aggregates.Count;
    }
}
