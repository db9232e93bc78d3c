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

    /// <summary>
    /// The stream-wide unattributed figures are each brand task's running sums, read back together: the total must not
    /// depend on the order the store lists the tasks in (as doubles added in that order, its last digits did).
    /// </summary>
    [Fact]
    public async Task ReadCounters_UnattributedOfManyTasks_TheExactSumWhateverTheirOrder()
    {
        // Added as doubles, these end at 1262.9999999999998 in some orders and at 1263.0 in others.
        double[] revenues = [0.1, 0.2, 0.3, 19.99, 0.01, 1234.56, 7.77, 0.07];
        var store = redis.NewStore(TestCampaigns.Spring());
        for (var i = 0; i < revenues.Length; i++)
        {
            var delta = new StateDelta { WallClockMs = EventBuilder.T0, Task = TaskNames.Brand(i) };
            delta.Attribution.Unattributed.Add(1, revenues[i]);
            await store.CommitAsync(delta, default);
        }

        var counters = await store.ReadCountersAsync(default);

        Assert.Equal(8.0, counters.Unattributed.Conversions);
        Assert.Equal(1263.0, counters.Unattributed.Revenue); // to the cent, as the memory store sums them
    }
}
