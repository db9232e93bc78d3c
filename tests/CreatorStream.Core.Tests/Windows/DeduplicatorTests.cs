using CreatorStream.Core.Events;
using CreatorStream.Core.Windows;

namespace CreatorStream.Core.Tests.Windows;

public sealed class DeduplicatorTests
{
    private static readonly long Day = (long)TimeSpan.FromHours(24).TotalMilliseconds;

    [Fact]
    public void TryAdd_SameIdWithinTheHorizon_IsADuplicate()
    {
        var dedup = new Deduplicator(TimeSpan.FromHours(24));

        Assert.True(dedup.TryAdd("e1", 0));
        Assert.False(dedup.TryAdd("e1", Day));
    }

    [Fact]
    public void TryAdd_SameIdAfterTheHorizon_CountsAgain()
    {
        var dedup = new Deduplicator(TimeSpan.FromHours(24));
        dedup.TryAdd("e1", 0);

        Assert.True(dedup.TryAdd("e1", Day + 1));
    }

    [Fact]
    public void Evict_IdsOlderThanTheHorizon_AreForgotten()
    {
        var dedup = new Deduplicator(TimeSpan.FromHours(24));
        dedup.TryAdd("old", 0);
        dedup.TryAdd("new", Day);

        dedup.Evict(watermark: Day + 1);

        Assert.Equal(1, dedup.Count);
        Assert.True(dedup.TryAdd("old", 0));
    }

    [Fact]
    public void Evict_BeforeAnyWatermark_ForgetsNothing()
    {
        var dedup = new Deduplicator(TimeSpan.FromHours(24));
        dedup.TryAdd("e1", 1_767_225_600_000);

        dedup.Evict(long.MinValue); // "minus 24 hours" must not overflow into the far future

        Assert.False(dedup.TryAdd("e1", 1_767_225_600_000));
    }
}

/// <summary>
/// Deduplication in two tiers (decision 0014): exact ids over the exact span, per-hour Bloom filters behind it. The oracle
/// is brute force: every id ever added, in a set.
/// </summary>
public sealed class TieredDeduplicatorTests
{
    private const long Hour = 3_600_000;
    private const long Minute = 60_000;
    private const long T0 = 1_767_225_600_000; // an hour boundary
    private static readonly TimeSpan Horizon = TimeSpan.FromHours(24);
    private static readonly TimeSpan Exact = TimeSpan.FromMinutes(75);

    [Fact]
    public void Check_CopiesWithinTheExactSpan_AreExactDuplicates_OlderOnes_ProbableAndNeverMissed()
    {
        var dedup = new Deduplicator(Horizon, Exact);
        var ids = Enumerable.Range(0, 20_000).Select(i => (Id: $"ev-{i}", Ts: T0 + (i * 360L))).ToList(); // two hours of event time
        foreach (var (id, ts) in ids)
        {
            Assert.Equal(DedupOutcome.New, dedup.Check(EventIdKey.Of(id), ts));
        }

        // The watermark 3 hours on: the first 1 h 45 min of ids have left the exact tier into their hours' filters.
        var watermark = T0 + (3 * Hour);
        dedup.Evict(watermark);
        var exactStart = watermark - (long)Exact.TotalMilliseconds;
        Assert.Equal(ids.Count(e => e.Ts >= exactStart), dedup.Count);
        Assert.Equal(ids.Count(e => e.Ts < exactStart), dedup.FilterKeys);

        // Every copy (same id, same event time) is caught: exactly while its id is exact, probably behind that.
        foreach (var (id, ts) in ids)
        {
            var expected = ts >= exactStart ? DedupOutcome.Duplicate : DedupOutcome.ProbableDuplicate;
            Assert.Equal(expected, dedup.Check(EventIdKey.Of(id), ts));
        }

        Assert.Equal(ids.Count(e => e.Ts < exactStart), dedup.FilterLookups);
    }

    [Fact]
    public void Check_NewIdsBehindTheExactTier_AreTakenForCopiesAtMostAtTheRate()
    {
        var dedup = new Deduplicator(Horizon, Exact);
        var random = new Random(7);
        for (var i = 0; i < 100_000; i++)
        {
            dedup.Check(EventIdKey.Of(Guid.NewGuid().ToString()), T0 + random.NextInt64(2 * Hour));
        }

        dedup.Evict(T0 + (4 * Hour)); // both hours now in filters

        // Held-out ids, never added, with event times in the filtered hours: each false verdict is a filter's error.
        const int Trials = 200_000;
        var wrong = 0;
        for (var i = 0; i < Trials; i++)
        {
            wrong += dedup.Check(EventIdKey.Of($"held-out-{i}"), T0 + random.NextInt64(2 * Hour)) == DedupOutcome.ProbableDuplicate ? 1 : 0;
        }

        // Expected at most Trials x 1e-4 = 20; a bound 7 standard deviations above it.
        var expected = Trials * Deduplicator.DefaultFalsePositiveRate;
        Assert.InRange(wrong, 0, expected + (7 * Math.Sqrt(expected)));
        Assert.Equal(Trials, dedup.FilterLookups);
    }

    [Fact]
    public void Check_ANewEventLessThanTheExactSpanBehind_IsAnsweredExactly_EvenWhenItsHourHasAFilter()
    {
        var dedup = new Deduplicator(Horizon, Exact);
        dedup.Check(EventIdKey.Of("early"), T0 + 60_000);
        dedup.Evict(T0 + (105 * 60_000)); // the exact tier starts at T0 + 30 min: hour T0 has a filter

        // 60 and 74 minutes behind the watermark, in that hour, after the exact tier's start: never looked up in a filter.
        Assert.Equal(DedupOutcome.New, dedup.Check(EventIdKey.Of("on-time"), T0 + (45 * 60_000)));
        Assert.Equal(DedupOutcome.New, dedup.Check(EventIdKey.Of("late-in-hour"), T0 + (31 * 60_000)));
        Assert.Equal(0, dedup.FilterLookups);
        Assert.Equal(DedupOutcome.ProbableDuplicate, dedup.Check(EventIdKey.Of("early"), T0 + 60_000));
        Assert.Equal(1, dedup.FilterLookups);
    }

    [Fact]
    public void Evict_IdsOfAnHourLeavingAfterItsFilterIsFull_GoToAnotherFilter_KeepingTheRatePerFilter()
    {
        var dedup = new Deduplicator(Horizon, Exact);
        for (var i = 0; i < 1_000; i++)
        {
            dedup.Check(EventIdKey.Of($"first-{i}"), T0 + (i * 3_600L));
        }

        dedup.Evict(T0 + (3 * Hour)); // hour T0's filter, sized for 1,000
        Assert.Equal(1, dedup.Filters);

        // Three times as many of the same hour arrive late (a partition back from idle), then leave too.
        for (var i = 0; i < 3_000; i++)
        {
            Assert.Equal(DedupOutcome.New, dedup.Check(EventIdKey.Of($"late-{i}"), T0 + (i * 1_200L)));
        }

        dedup.Evict(T0 + (3 * Hour) + 10_000);
        Assert.Equal(2, dedup.Filters);
        Assert.Equal(4_000, dedup.FilterKeys);

        // Every id is caught; held-out ids are taken for copies at most at the rate per filter consulted.
        Assert.All(Enumerable.Range(0, 3_000), i => Assert.Equal(DedupOutcome.ProbableDuplicate, dedup.Check(EventIdKey.Of($"late-{i}"), T0 + (i * 1_200L))));
        var lookups = dedup.FilterLookups;
        const int Trials = 100_000;
        var random = new Random(3);
        var wrong = Enumerable.Range(0, Trials).Count(i => dedup.Check(EventIdKey.Of($"held-out-{i}"), T0 + random.NextInt64(Hour)) == DedupOutcome.ProbableDuplicate);
        var consulted = dedup.FilterLookups - lookups;
        Assert.InRange(consulted, Trials, 2 * Trials);
        var expected = consulted * Deduplicator.DefaultFalsePositiveRate;
        Assert.InRange(wrong, 0, expected + (7 * Math.Sqrt(expected)));
    }

    [Fact]
    public void Check_ACopyWithAnotherEventTime_IsCaughtOnlyWhileItsIdIsExact()
    {
        var dedup = new Deduplicator(Horizon, Exact);
        dedup.Check(EventIdKey.Of("e1"), T0);
        dedup.Check(EventIdKey.Of("e2"), T0);

        Assert.Equal(DedupOutcome.Duplicate, dedup.Check(EventIdKey.Of("e1"), T0 + (2 * Hour))); // exact: any event time within the horizon
        dedup.Evict(T0 + (3 * Hour));
        Assert.Equal(DedupOutcome.ProbableDuplicate, dedup.Check(EventIdKey.Of("e2"), T0 + 10)); // its own hour's filter
        Assert.Equal(DedupOutcome.New, dedup.Check(EventIdKey.Of("e2"), T0 + Hour + 10)); // another hour: the narrowing decision 0014 states
    }

    [Fact]
    public void Evict_ThirtyHoursAtASteadyRate_LevelsOff_FiltersOfHoursPastTheHorizonDropped()
    {
        var dedup = new Deduplicator(Horizon, Exact);
        const long Step = 1_000; // one id a second of event time
        var counts = new List<(long Exact, long Filtered, long Bytes)>();
        for (var ts = T0; ts < T0 + (30 * Hour); ts += Step)
        {
            dedup.Check(EventIdKey.Of($"id-{ts}"), ts);
            if ((ts - T0) % (10 * 60_000) == 0)
            {
                dedup.Evict(ts - 5_000);
            }

            if ((ts - T0) % Hour == 0)
            {
                counts.Add((dedup.Count, dedup.FilterKeys, dedup.FilterBytes));
            }
        }

        // Exact: the span's ids plus the 10 minutes between evictions; filters: the rest of the horizon plus the hour a
        // filter outlives it, and ids are counted into them cumulatively (dropped filters' ids are not subtracted).
        Assert.All(counts, c => Assert.InRange(c.Exact, 0, (75 + 11) * 60));
        var after = counts.Skip(26).ToList(); // past the horizon plus an hour
        Assert.All(after, c => Assert.InRange(c.Bytes, 1, 25 * 3_600 * 2.5));
        Assert.InRange(after.Max(c => c.Bytes) - after.Min(c => c.Bytes), 0, 2 * 3_600 * 2.5); // level
        Assert.InRange(counts[10].Bytes, 1, counts[25].Bytes); // grew while the horizon filled
    }

    [Fact]
    public void Filters_OnArraysOfHoursTheHorizonDropped_NeverMissACopy_AndErrAtMostAtTheRate()
    {
        // Thirty hours at a steady rate: from hour 25 each new hour's filter takes the array of the hour the horizon
        // dropped, which held as many ids. Its old bits must be gone, or new ids would be taken for copies far more often.
        var dedup = new Deduplicator(Horizon, Exact);
        const long Step = 900;
        for (var ts = T0; ts < T0 + (30 * Hour); ts += Step)
        {
            dedup.Check(EventIdKey.Of($"id-{ts}"), ts);
            if ((ts - T0) % (10 * Minute) == 0)
            {
                dedup.Evict(ts - 5_000);
            }
        }

        var watermark = T0 + (30 * Hour);
        dedup.Evict(watermark);
        Assert.InRange(dedup.LentFilters, 3, 10);

        // The hours whose filters sit on lent arrays (26-28), wholly behind the exact tier.
        var (from, to) = (T0 + (26 * Hour), T0 + (28 * Hour));
        var lookups = dedup.FilterLookups;
        for (var ts = from; ts < to; ts += Step)
        {
            Assert.Equal(DedupOutcome.ProbableDuplicate, dedup.Check(EventIdKey.Of($"id-{ts}"), ts));
        }

        const int Trials = 100_000;
        var random = new Random(56);
        var wrong = 0;
        for (var i = 0; i < Trials; i++)
        {
            wrong += dedup.Check(EventIdKey.Of($"held-out-{i}"), from + random.NextInt64(to - from)) == DedupOutcome.ProbableDuplicate ? 1 : 0;
        }

        var expected = Trials * Deduplicator.DefaultFalsePositiveRate;
        Assert.InRange(wrong, 0, expected + (7 * Math.Sqrt(expected)));
        Assert.Equal(((to - from) / Step) + Trials, dedup.FilterLookups - lookups);
    }

    [Fact]
    public void Evict_FiltersOfHoursWhollyPastTheHorizon_AreDropped()
    {
        var dedup = new Deduplicator(Horizon, Exact);
        dedup.Check(EventIdKey.Of("e1"), T0 + 10);
        dedup.Evict(T0 + (3 * Hour));
        Assert.Equal(DedupOutcome.ProbableDuplicate, dedup.Check(EventIdKey.Of("e1"), T0 + 10));

        dedup.Evict(T0 + Hour + (long)Horizon.TotalMilliseconds - 1); // its hour ends a millisecond after the horizon's start
        Assert.Equal(DedupOutcome.ProbableDuplicate, dedup.Check(EventIdKey.Of("e1"), T0 + 10));
        dedup.Evict(T0 + Hour + (long)Horizon.TotalMilliseconds);
        Assert.Equal(DedupOutcome.New, dedup.Check(EventIdKey.Of("e1"), T0 + 10));
    }

    [Fact]
    public void SaveLoad_BothTiers_GiveTheSameVerdicts_AndAFormerSnapshotLoadsItsExactIds()
    {
        var dedup = new Deduplicator(Horizon, Exact);
        var ids = Enumerable.Range(0, 5_000).Select(i => (Id: i % 3 == 0 ? Guid.NewGuid().ToString() : $"ev-{i}", Ts: T0 + (i * 1_440L))).ToList();
        foreach (var (id, ts) in ids)
        {
            dedup.Check(EventIdKey.Of(id), ts);
        }

        dedup.Evict(T0 + (2 * Hour));
        var writer = new Core.Snapshots.SnapshotWriter();
        dedup.Save(writer);
        var restored = new Deduplicator(Horizon, Exact);
        restored.Load(new Core.Snapshots.SnapshotReader(writer.ToArray()));

        Assert.Equal(dedup.Count, restored.Count);
        Assert.Equal(dedup.FilterKeys, restored.FilterKeys);
        foreach (var (id, ts) in ids)
        {
            Assert.Equal(dedup.Check(EventIdKey.Of(id), ts), restored.Check(EventIdKey.Of(id), ts));
        }

        // A format-2 snapshot holds exact ids only: every one is a copy after loading, and they leave into filters later.
        var exactOnly = new Deduplicator(Horizon);
        foreach (var (id, ts) in ids)
        {
            exactOnly.Check(EventIdKey.Of(id), ts);
        }

        var old = new Core.Snapshots.SnapshotWriter();
        exactOnly.SaveExactIds(old);
        var upgraded = new Deduplicator(Horizon, Exact);
        var oldReader = new Core.Snapshots.SnapshotReader(old.ToArray());
        upgraded.Load(oldReader, withFilters: false);
        Assert.True(oldReader.AtEnd);
        upgraded.Evict(T0 + (3 * Hour));
        Assert.All(ids, e => Assert.NotEqual(DedupOutcome.New, upgraded.Check(EventIdKey.Of(e.Id), e.Ts)));
        Assert.Equal(ids.Count, upgraded.Count + upgraded.FilterKeys);
    }

    [Fact]
    public void Evict_PastTheHorizonAtOnce_DropsTheIdsWithoutFilteringThemFirst()
    {
        // The end of a replay moves event time past everything: ids of hours past the horizon go without being put into
        // filters that the same eviction drops (docs/benchmarks.md, session 34). The same verdicts after, far less made.
        var dedup = new Deduplicator(Horizon, Exact);
        for (var i = 0; i < 100_000; i++)
        {
            dedup.Check(EventIdKey.Of($"ev-{i}"), T0 + (i * 50L));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        dedup.Evict(T0 + (30 * 24 * Hour));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal((0, 0L, 0), (dedup.Count, dedup.FilterKeys, dedup.Filters));
        Assert.InRange(allocated, 0, 64 * 1024); // a list of the 100,000 leaving ids alone was 4.8 MB
        Assert.Equal(DedupOutcome.New, dedup.Check(EventIdKey.Of("ev-1"), T0 + (30 * 24 * Hour)));
    }

    [Fact]
    public void Evict_AnHourAcrossTheHorizonsStart_KeepsItsFilter_OnlyWhollyOlderHoursGo()
    {
        // The horizon starts at T0 + 80 min: the hour from T0 ends before it and goes; the hour from T0 + 1 h straddles it
        // and keeps its filter, so a copy of its id is still caught; the hour from T0 + 2 h is kept too.
        var dedup = new Deduplicator(Horizon, Exact);
        var ids = new[] { ("ev-a", T0 + (10 * Minute)), ("ev-b", T0 + (70 * Minute)), ("ev-c", T0 + (130 * Minute)) };
        foreach (var (id, ts) in ids)
        {
            dedup.Check(EventIdKey.Of(id), ts);
        }

        dedup.Evict(T0 + (24 * Hour) + (80 * Minute));

        Assert.Equal((0, 2L, 2), (dedup.Count, dedup.FilterKeys, dedup.Filters));
        Assert.Equal(DedupOutcome.ProbableDuplicate, dedup.Check(EventIdKey.Of("ev-b"), T0 + (70 * Minute)));
        Assert.Equal(DedupOutcome.ProbableDuplicate, dedup.Check(EventIdKey.Of("ev-c"), T0 + (130 * Minute)));
        Assert.Equal(DedupOutcome.New, dedup.Check(EventIdKey.Of("ev-a"), T0 + (10 * Minute)));
    }
}
