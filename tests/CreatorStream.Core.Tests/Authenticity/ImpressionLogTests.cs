using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Snapshots;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// The impression log counts a pair's impressions with one lookup (a reference into its flat table) where it took two.
/// Held to the log as it was (<see cref="TwoLookups"/>, a dictionary written through the indexer): after random runs of
/// impressions, expiries and the capacity's drops, both answer the same counts and save the same bytes, the counts in
/// key order (session 70: a flat table's slot order depends on its history, so a snapshot writes them sorted).
/// </summary>
public sealed class ImpressionLogTests
{
    [Theory]
    [InlineData(1, 300)]
    [InlineData(2, 5_000)]
    public void Counts_AsTheIndexerCounted_ByteForByte(int seed, int capacity)
    {
        var random = new Random(seed);
        var log = new ImpressionLog(capacity);
        var oracle = new TwoLookups(capacity);
        var ts = 0L;
        for (var i = 0; i < 40_000; i++)
        {
            ts += random.Next(0, 50);
            var key = (ulong)random.Next(0, 2_000); // pairs come back: counts above one
            log.Add(key, ts);
            oracle.Add(key, ts);
            if (random.Next(500) == 0)
            {
                var before = ts - random.Next(0, 20_000);
                log.Expire(before);
                oracle.Expire(before);
            }

            var probe = (ulong)random.Next(0, 2_000);
            Assert.Equal(oracle.Views(probe), log.Views(probe));
        }

        Assert.Equal(oracle.Saved(), Saved(log));
        Assert.Equal(oracle.Count, log.Count);
        Assert.True(log.Count > 100, $"{log.Count} pairs"); // not vacuous: the table held many pairs at the end
    }

    private static byte[] Saved(ImpressionLog log)
    {
        var writer = new SnapshotWriter();
        log.Save(writer);
        return writer.ToArray();
    }

    /// <summary>The log before session 59: a read, then a write through the indexer.</summary>
    private sealed class TwoLookups(int capacity)
    {
        private readonly Dictionary<ulong, int> _counts = [];
        private readonly Queue<(long Ts, ulong Key)> _order = new();

        public int Count => _counts.Count;

        public void Add(ulong key, long ts)
        {
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
            _order.Enqueue((ts, key));
            while (_order.Count > capacity)
            {
                Drop();
            }
        }

        public int Views(ulong key) => _counts.GetValueOrDefault(key);

        public void Expire(long before)
        {
            while (_order.TryPeek(out var oldest) && oldest.Ts < before)
            {
                Drop();
            }
        }

        public byte[] Saved()
        {
            var writer = new SnapshotWriter();
            writer.Write(_counts.OrderBy(pair => pair.Key).ToList(), static (w, key) => w.Write(key), static (w, count) => w.Write(count));
            writer.Write(_order.Count);
            foreach (var (ts, key) in _order)
            {
                writer.Write(ts);
                writer.Write(key);
            }

            return writer.ToArray();
        }

        private void Drop()
        {
            var key = _order.Dequeue().Key;
            if (_counts[key] == 1)
            {
                _counts.Remove(key);
            }
            else
            {
                _counts[key]--;
            }
        }
    }
}
