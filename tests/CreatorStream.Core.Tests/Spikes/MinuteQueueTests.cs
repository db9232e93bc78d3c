using CreatorStream.Core.Spikes;

namespace CreatorStream.Core.Tests.Spikes;

/// <summary>
/// The queue of minutes a detector judges, whose tables are emptied and reused once judged: held to a brute-force
/// oracle of what each minute should hold when judged, over random arrivals (late ones included) and watermarks.
/// </summary>
public sealed class MinuteQueueTests
{
    private const long Minute = 60_000;
    private const long T0 = 1_767_225_600_000;

    [Fact]
    public void Drain_RandomArrivalsAndWatermarks_JudgesEachMinuteOnceInOrderWithExactlyItsCounts()
    {
        var random = new Random(56);
        var queue = new MinuteQueue<Dictionary<int, long>>(static counts => counts.Clear());
        var expected = new SortedDictionary<long, Dictionary<int, long>>(); // what each minute not yet judged holds
        var judged = new List<long>();
        var tables = new HashSet<Dictionary<int, long>>(ReferenceEqualityComparer.Instance);
        var watermark = T0;
        long judgedThrough = long.MinValue;
        for (var step = 0; step < 3_000; step++)
        {
            // Counts for minutes from a little behind the watermark to a little ahead of it; none for a minute judged.
            for (var n = random.Next(6); n > 0; n--)
            {
                var minute = watermark - Minute + (random.Next(-1, 4) * Minute);
                minute -= ((minute - T0) % Minute + Minute) % Minute;
                if (minute <= judgedThrough)
                {
                    continue;
                }

                var key = random.Next(8);
                queue.Reached(minute);
                queue.At(minute)[key] = step;
                (expected.TryGetValue(minute, out var counts) ? counts : expected[minute] = [])[key] = step;
            }

            watermark += random.Next(0, 3) * Minute / 2;
            queue.Drain(watermark, static () => true, (minute, counts) =>
            {
                tables.Add(counts);
                Assert.True(minute > judgedThrough, $"minute {minute} judged after {judgedThrough}");
                judgedThrough = minute;
                judged.Add(minute);
                var want = expected.Remove(minute, out var held) ? held : [];
                Assert.Equal(want.OrderBy(e => e.Key), counts.OrderBy(e => e.Key));
            });
        }

        // Every minute from the first to the last judged, once each, and few tables for thousands of minutes.
        Assert.True(judged.Count > 1_000, $"{judged.Count} minutes judged");
        Assert.Equal(Enumerable.Range(0, judged.Count).Select(i => judged[0] + (i * Minute)), judged);
        Assert.InRange(tables.Count, 1, 12);
    }
}
