using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Snapshots;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// An account's recent times (<see cref="RecentTimes"/>: 32-bit ages behind the newest while they span under 49.7
/// days, longs once they spread wider; session 39) against the ring of eight longs they replaced (<see cref="LongRing"/>,
/// the oracle): on random sequences with late times, repeats, jumps of months and times judged months behind the
/// newest (an idle partition's late records), every burst count and regularity verdict any window asks for is the same,
/// before and after a snapshot, and a snapshot writes the ring's longs.
/// </summary>
public sealed class RecentTimesTests
{
    private const long Day = 86_400_000;
    private static readonly long[] Windows = [0, 1_000, 60_000, 600_000, Day, 60 * Day, 400 * Day];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 30)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void CountSinceAndIsRegular_RandomTimesLateOnesJumpsAndRestores_AsTheRingOfLongs(int seed)
    {
        var random = new Random(seed);
        var user = new UserState();
        var ring = new LongRing();
        long newest = 1_767_225_600_000, ts = newest;
        for (var step = 0; step < 600; step++)
        {
            var roll = random.NextDouble();
            ts = roll switch
            {
                < 0.05 => newest + (random.Next(50, 400) * Day), // away for months
                < 0.08 => newest - random.NextInt64(40 * Day, 120 * Day), // judged months behind (an idle partition's late records)
                < 0.20 => newest - random.NextInt64(0, 7 * Day), // judged late
                < 0.25 => ts, // two at one millisecond
                < 0.40 => newest + 10_000 + random.Next(-200, 200), // a script's rhythm
                _ => newest + random.Next(0, 120_000),
            };
            newest = Math.Max(newest, ts);
            user.RecordTime(ts);
            ring.RecordTime(ts);
            if (random.NextDouble() < 0.05)
            {
                user = UserState.Load(new SnapshotReader(Save(user))); // restored: the same times, whatever the form
            }

            foreach (var window in Windows)
            {
                var since = ts - window; // as the classifier asks: behind the event it judges
                Assert.True(ring.CountSince(since) == user.CountSince(since), $"seed {seed}, step {step}, window {window}: count");
                foreach (var maxCv in new[] { 0.15, 1.0 })
                {
                    Assert.True(ring.IsRegular(since, 5, maxCv) == user.IsRegular(since, 5, maxCv), $"seed {seed}, step {step}, window {window}, cv {maxCv}: regular");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Save_AnyTimes_WritesTheRingsLongsAndLoadsBackToTheSameBytes(int seed)
    {
        var random = new Random(seed);
        var user = new UserState();
        var ring = new LongRing();
        var ts = 1_767_225_600_000;
        for (var step = 0; step < random.Next(0, 20); step++)
        {
            ts += random.NextDouble() switch
            {
                < 0.1 => -random.NextInt64(40 * Day, 120 * Day),
                < 0.3 => -random.NextInt64(0, 7 * Day),
                _ => random.Next(0, 90_000),
            };
            user.RecordTime(ts);
            ring.RecordTime(ts);
        }

        var saved = Save(user);
        var reader = new SnapshotReader(saved);
        Assert.Equal(ring.Slots, Enumerable.Range(0, 8).Select(_ => reader.Long()));
        Assert.Equal((ring.Count, ring.Next), (reader.Int(), reader.Int()));

        var loaded = UserState.Load(new SnapshotReader(saved));
        Assert.Equal(saved, Save(loaded));
        foreach (var window in Windows)
        {
            Assert.Equal(ring.CountSince(ts - window), loaded.CountSince(ts - window));
        }
    }

    [Fact]
    public void Record_TimesSpreadWiderThanTheCompactSpan_KeepsThemAsLongsExactly()
    {
        const long start = 1_767_225_600_000;
        var times = new RecentTimes();
        times.Record(start);
        times.Record(start + RecentTimes.CompactSpanMs); // the widest spread the ages hold
        Assert.False(times.IsWide);
        Assert.Equal([start, start + RecentTimes.CompactSpanMs], Read(times));

        times.Record(start - 1); // one more millisecond of spread
        Assert.True(times.IsWide);
        Assert.Equal([start, start + RecentTimes.CompactSpanMs, start - 1], Read(times));

        var wideAhead = new RecentTimes();
        wideAhead.Record(start);
        wideAhead.Record(start + RecentTimes.CompactSpanMs + 1); // a newest that leaves the first behind the span
        Assert.True(wideAhead.IsWide);
        Assert.Equal([start, start + RecentTimes.CompactSpanMs + 1], Read(wideAhead));

        // The oldest need not sit in the first slot: a newest that leaves only it behind the span is caught too.
        var oldestSecond = new RecentTimes();
        oldestSecond.Record(start + (10 * Day));
        oldestSecond.Record(start);
        oldestSecond.Record(start + RecentTimes.CompactSpanMs + 1);
        Assert.True(oldestSecond.IsWide);
        Assert.Equal([start + (10 * Day), start, start + RecentTimes.CompactSpanMs + 1], Read(oldestSecond));
    }

    private static long[] Read(RecentTimes times) => [.. Enumerable.Range(0, times.Count).Select(i => times[i])];

    private static byte[] Save(UserState user)
    {
        var writer = new SnapshotWriter();
        user.Save(writer);
        return writer.ToArray();
    }

    /// <summary>The recent times as the classifier kept them until session 39: a ring of eight longs.</summary>
    private sealed class LongRing
    {
        public long[] Slots { get; } = new long[8];

        public int Count { get; private set; }

        public int Next { get; private set; }

        public void RecordTime(long ts)
        {
            Slots[Next] = ts;
            Next = (Next + 1) % Slots.Length;
            Count = Math.Min(Count + 1, Slots.Length);
        }

        public int CountSince(long since) => Slots.Take(Count).Count(t => t >= since);

        public bool IsRegular(long since, int minGaps, double maxCv)
        {
            var times = Slots.Take(Count).Where(t => t >= since).Order().ToArray();
            if (Count < minGaps + 1 || times.Length < minGaps + 1)
            {
                return false;
            }

            var gaps = times.Zip(times.Skip(1), (a, b) => (double)(b - a)).ToArray();
            var mean = gaps.Sum() / gaps.Length;
            if (mean < 1)
            {
                return false;
            }

            var variance = Math.Max(0, (gaps.Sum(g => g * g) / gaps.Length) - (mean * mean));
            return Math.Sqrt(variance) / mean < maxCv;
        }
    }
}
