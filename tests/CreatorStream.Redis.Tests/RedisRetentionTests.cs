using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Core.Windows;
using CreatorStream.Testing;

namespace CreatorStream.Redis.Tests;

/// <summary>State stays bounded: one-minute buckets older than the retention behind the newest go, with their sketches.</summary>
public sealed class RedisRetentionTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Commit_ThirtyHoursOfMinutes_KeepsTwentyFiveHoursOfBuckets()
    {
        var store = redis.NewStore(TestCampaigns.Spring());
        const int minutes = 30 * 60;
        for (var batch = 0; batch < minutes / 60; batch++)
        {
            var delta = new StateDelta { WallClockMs = EventBuilder.T0 };
            for (var m = batch * 60; m < (batch + 1) * 60; m++)
            {
                var ts = EventBuilder.T0 + (m * EventTime.BucketMs);
                var change = delta.For(AggregateKey.Content("spring", "anna", "post-1", Platform.Instagram, EventTime.BucketStart(ts)));
                change.Counters.Impressions = 1;
                change.UserHashes.Add((ulong)m + 1);
                change.Touch(ts);
            }

            await store.CommitAsync(delta, default);
        }

        var server = redis.Connection.GetServer(redis.Server.Endpoint);
        var tag = store.Keys.Tag(store.Keys.TaskOf("spring")).Replace("{", "\\{", StringComparison.Ordinal).Replace("}", "\\}", StringComparison.Ordinal);
        var buckets = (await RedisKeyScan.KeysAsync(server, $"{tag}:c:spring:b:*")).Count;
        var sketches = (await RedisKeyScan.KeysAsync(server, $"{tag}:c:spring:reach:1*")).Count;

        // 25 h behind the newest bucket start, both ends included: 1,501 minutes.
        Assert.Equal(1_501, buckets);
        Assert.Equal(1_501, sketches);
        var kept = await store.ReadBucketsAsync(AggregateKey.Content("spring", "anna", "post-1", Platform.Instagram), 0, long.MaxValue, default);
        Assert.Equal(1_501, kept.Count);
        Assert.Equal(EventBuilder.T0 + ((minutes - 1 - 1_500) * EventTime.BucketMs), kept[0].Start);
    }
}
