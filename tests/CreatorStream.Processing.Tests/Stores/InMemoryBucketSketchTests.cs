using CreatorStream.Core.Metrics;
using CreatorStream.Core.Sketches;
using CreatorStream.Core.State;
using CreatorStream.Processing.State;

namespace CreatorStream.Processing.Tests.Stores;

/// <summary>
/// The memory store's minute buckets grow their reach sketches on arrays that buckets past the retention gave back
/// (docs/benchmarks.md, session 54). A reused array must count as a new one: every minute's reach is held to a brute-force
/// oracle (the exact distinct count below the exact tier's limit, a fresh sketch's estimate of the same users above it).
/// </summary>
public sealed class InMemoryBucketSketchTests
{
    private const string Campaign = "spring";
    private const long T0 = 1_767_225_600_000;
    private const int Minutes = 26 * 60 + 30; // past the 25-hour retention, so the first buckets have gone and given back

    [Fact]
    public async Task Buckets_PastTheRetention_GiveTheirSketchesBack_AndNewMinutesCountExactlyAsFreshOnes()
    {
        var store = new InMemoryStateStore();
        for (var m = 0; m < Minutes; m++)
        {
            var start = T0 + (m * 60_000L);
            var delta = new StateDelta { WallClockMs = start + 60_000 };
            var bucket = delta.For(AggregateKey.Campaign(Campaign, start));
            var toDate = delta.For(AggregateKey.Campaign(Campaign)); // a campaign's to-date key is what has its old buckets dropped
            bucket.Touch(start);
            toDate.Touch(start);
            bucket.Counters.Likes = LikesOf(m); // a dropped minute's aggregate is lent to a later one: it must start at zero
            foreach (var hash in UsersOf(m))
            {
                bucket.UserHashes.Add(hash);
            }

            await store.CommitAsync(delta, default);
        }

        // Registers come back only from a dropped bucket (a growing sketch's smaller slot tables are reused from the start):
        // a dense minute every seven, and 90 minutes dropped, so about a dozen. Else nothing below tests the drops' reuse.
        Assert.True(store.SketchRegistersReused >= 10, $"{store.SketchRegistersReused} registers lent again");

        var key = AggregateKey.Campaign(Campaign, T0);
        var first = Minutes - 1 - (25 * 60); // the newest minute less 25 hours, that minute kept
        var buckets = await store.ReadBucketsAsync(key, T0, T0 + (Minutes * 60_000L), default);
        Assert.Equal(Enumerable.Range(first, Minutes - first).Select(m => T0 + (m * 60_000L)), buckets.Select(b => b.Start)); // the retention kept, the rest gone
        foreach (var view in buckets)
        {
            var m = (int)((view.Start - T0) / 60_000);
            Assert.True(Oracle(m) == view.Figures.Reach, $"minute {m}: reach {view.Figures.Reach}, the oracle {Oracle(m)}");
            Assert.Equal((LikesOf(m), view.Start), (view.Figures.Counters.Likes, view.Figures.LastEventTs));
        }
    }

    private static long LikesOf(int minute) => 1 + (minute % 13);

    // Each minute its own users: some minutes past the exact tier (registers), the rest of many sizes (slot tables of each length).
    private static IEnumerable<ulong> UsersOf(int minute)
    {
        var count = minute % 7 == 0 ? 1_500 : 1 + (minute * 37 % 900);
        for (var i = 0; i < count; i++)
        {
            yield return Mix(((ulong)minute << 32) | (uint)i);
            if (i % 5 == 0)
            {
                yield return Mix(((ulong)minute << 32) | (uint)i); // a repeat counts once
            }
        }
    }

    private static long Oracle(int minute)
    {
        var distinct = UsersOf(minute).ToHashSet();
        if (distinct.Count <= HyperLogLog.SparseLimit)
        {
            return distinct.Count;
        }

        var fresh = new HyperLogLog();
        foreach (var hash in distinct)
        {
            fresh.Add(hash);
        }

        return fresh.Count();
    }

    // SplitMix64's finaliser: well-spread hashes, as user hashes are.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }
}
