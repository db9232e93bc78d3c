using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Snapshots;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// An account's recent times kept as 32-bit ages behind the newest (<see cref="UserState"/>, session 39) against the
/// ring of eight 64-bit times they replaced (<see cref="LongRing"/>, the oracle): on random sequences with late times (up
/// to the longest allowed lateness, 7 days), repeats and jumps of months, every burst count and regularity verdict a
/// window of up to 30 days can ask for is the same, and a snapshot writes the same times.
/// </summary>
public sealed class RecentTimesTests
{
    private const long Day = 86_400_000;
    private static readonly long[] Windows = [0, 1_000, 60_000, 600_000, Day, AuthenticityOptions.MaxRecentWindowMs];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 30)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void CountSinceAndIsRegular_RandomTimesLateOnesAndJumps_AsTheRingOfLongs(int seed)
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
                < 0.05 => newest + (random.Next(50, 400) * Day), // away for months: older times leave every window
                < 0.20 => newest - random.NextInt64(0, 7 * Day), // judged late, at most the longest allowed lateness
                < 0.25 => ts, // two at one millisecond
                < 0.40 => newest + 10_000 + random.Next(-200, 200), // a script's rhythm
                _ => newest + random.Next(0, 120_000),
            };
            newest = Math.Max(newest, ts);
            user.RecordTime(ts);
            ring.RecordTime(ts);

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
    public void Save_TimesWithinTheSpan_WritesTheRingsLongsAndLoadsBackToTheSameBytes(int seed)
    {
        var random = new Random(seed);
        var user = new UserState();
        var ring = new LongRing();
        var ts = 1_767_225_600_000;
        for (var step = 0; step < random.Next(0, 20); step++)
        {
            ts += random.NextDouble() < 0.2 ? -random.NextInt64(0, 7 * Day) : random.Next(0, 90_000);
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
    public void Save_ATimeOlderThanTheSpan_ReadsBackAsOlderThanAnyWindow()
    {
        var user = new UserState();
        const long start = 1_767_225_600_000;
        user.RecordTime(start);
        user.RecordTime(start + UserState.RecentSpanMs + 1); // the first is now beyond the span

        var loaded = UserState.Load(new SnapshotReader(Save(user)));

        Assert.Equal(1, loaded.CountSince(start + UserState.RecentSpanMs + 1 - AuthenticityOptions.MaxRecentWindowMs));
        Assert.Equal(1, loaded.CountSince(long.MinValue + 1)); // the old one is gone from every window, however wide
        Assert.Equal(Save(user), Save(loaded));
    }

    [Theory]
    [InlineData(nameof(AuthenticityOptions.BurstWindowMs))]
    [InlineData(nameof(AuthenticityOptions.RegularHistoryMs))]
    public void Classifier_ARecentWindowLongerThanTheTimesAreKept_StopsAtConstructionNamingIt(string name)
    {
        var tooLong = AuthenticityOptions.MaxRecentWindowMs + 1;
        var options = name == nameof(AuthenticityOptions.BurstWindowMs)
            ? AuthenticityOptions.Default with { BurstWindowMs = tooLong }
            : AuthenticityOptions.Default with { RegularHistoryMs = tooLong };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AuthenticityClassifier(options));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
        _ = new AuthenticityClassifier(AuthenticityOptions.Default with { BurstWindowMs = AuthenticityOptions.MaxRecentWindowMs });
    }

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
