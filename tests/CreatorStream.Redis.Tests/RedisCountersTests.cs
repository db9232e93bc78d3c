using CreatorStream.Core.State;
using CreatorStream.Processing.State;
using CreatorStream.Testing;

namespace CreatorStream.Redis.Tests;

/// <summary>The stream's counters on a real Redis read back as committed, the deduplication filter's counts included (decision 0014).</summary>
public sealed class RedisCountersTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Commit_DuplicateCounts_ReadBackSummedAsOnTheMemoryStore()
    {
        var store = redis.NewStore(TestCampaigns.Spring());
        var memory = new InMemoryStateStore();
        foreach (var (events, duplicates, probable, lookups) in new[] { (10L, 4L, 1L, 3L), (7L, 2L, 2L, 9L), (5L, 0L, 0L, 0L) })
        {
            var delta = new StateDelta { WallClockMs = EventBuilder.T0, Events = events, Duplicates = duplicates, ProbableDuplicates = probable, DedupFilterLookups = lookups };
            await store.CommitAsync(delta, default);
            await memory.CommitAsync(delta, default);
        }

        foreach (var counters in new[] { await store.ReadCountersAsync(default), await memory.ReadCountersAsync(default) })
        {
            Assert.Equal(22, counters.Events);
            Assert.Equal(6, counters.Duplicates);
            Assert.Equal(3, counters.ProbableDuplicates);
            Assert.Equal(12, counters.DedupFilterLookups);
        }
    }
}
