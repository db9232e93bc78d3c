using CreatorStream.Core.Snapshots;
using CreatorStream.Core.Windows;

namespace CreatorStream.Core.Tests.Windows;

/// <summary>
/// The flat exact tier (docs/design.md, "Per-event cost") against the oracle it replaced: a dictionary of each id's time
/// and a queue of arrivals, fed the same random operations (ids repeating, seen again after the horizon, out of order,
/// evicted in steps), over enough ids to cross many chunks of the log and several growths of the index.
/// </summary>
public sealed class ExactIdsTests
{
    private const long Horizon = 10_000;

    [Theory]
    [InlineData(0L)]
    [InlineData(uint.MaxValue - 20_000L)] // the log's positions pass 2^32 - 1, where the stored positions wrap
    public void RandomOperations_AnswerAndEvictExactlyAsADictionaryAndQueue(long start)
    {
        var (table, oracle) = (new ExactIds(start), new Oracle());
        var random = new Random(11);
        long ts = 0;
        var (leftTable, leftOracle) = (new List<((ulong, ulong), long)>(), new List<((ulong, ulong), long)>());
        for (var step = 0; step < 400_000; step++)
        {
            ts += random.Next(3);
            var at = ts - random.Next(50); // a little out of order
            var id = Id(random, spread: 60_000);
            table.Prefetch(id, stage: step & 1); // a hint only: it reads, never changes (held ids, new ones, after growth and eviction)
            switch (random.Next(10))
            {
                case 0:
                    Assert.Equal(oracle.Contains(id, at, Horizon), table.Contains(id, at, Horizon));
                    break;
                case 1:
                    Assert.Equal(oracle.Add(id, at), table.Add(id, at));
                    break;
                default:
                    Assert.Equal(oracle.Record(id, at, Horizon), table.Record(id, at, Horizon));
                    break;
            }

            if (step % 997 == 0)
            {
                var from = ts - (Horizon / 2) - random.Next(1_000);
                table.Evict(from, leftTable, static (list, left, leftTs) => list.Add((left, leftTs)));
                oracle.Evict(from, leftOracle);
                Assert.Equal(oracle.Count, table.Count);
            }
        }

        Assert.Equal(leftOracle, leftTable);
        Assert.True(leftTable.Count > 200_000, $"only {leftTable.Count} ids left: the log's chunks were not crossed");
        Assert.Equal(oracle.Times().Order(), table.Times().Order());
    }

    [Fact]
    public void AnIdCountedAgainAtAnEarlierTime_LeavesWithItsNewestEntry()
    {
        // t1, then t2 past the horizon, then t1 again: the id is held at t1 by the third entry, so it stays until that
        // entry reaches the head (behind t2), not when the first t1 entry does. (The dictionary and queue let it go at the
        // first entry with its time, so a copy at t1 then was new again: the one answer that changed, docs/design.md.)
        var table = new ExactIds();
        var id = (1UL, 2UL);
        Assert.Null(table.Add(id, 1_000));
        Assert.Equal(1_000, table.Add(id, 1_000 + (3 * Horizon)));
        Assert.Equal(1_000 + (3 * Horizon), table.Add(id, 1_000));
        var left = new List<long>();

        table.Evict(2_000, left, static (list, _, ts) => list.Add(ts));
        Assert.Empty(left);
        Assert.True(table.Contains(id, 1_000, Horizon));

        table.Evict(1_000 + (3 * Horizon) + 1, left, static (list, _, ts) => list.Add(ts));
        Assert.Equal([1_000L], left);
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void AnIdCountedAgain_IsHeldByItsNewestEntryAfterARestore()
    {
        // The snapshot holds the log alone: the restore points each id at its newest entry, as the table did.
        var table = new ExactIds();
        var id = (1UL, 2UL);
        table.Add(id, 1_000);
        table.Add((3UL, 4UL), 1_500);
        table.Add(id, 1_000 + (3 * Horizon));
        table.Add(id, 1_000);
        var saved = new SnapshotWriter();
        table.Save(saved);
        var restored = new ExactIds();
        restored.Load(new SnapshotReader(saved.ToArray()));
        Assert.Equal(2, restored.Count);

        var left = new List<long>();
        restored.Evict(2_000, left, static (list, _, ts) => list.Add(ts));
        Assert.Equal([1_500L], left); // the other id; this one's newest entry is still behind the head
        Assert.True(restored.Contains(id, 1_000, Horizon));
        restored.Evict(1_000 + (3 * Horizon) + 1, left, static (list, _, ts) => list.Add(ts));
        Assert.Equal([1_500L, 1_000L], left);
        Assert.Equal(0, restored.Count);
    }

    [Fact]
    public void Load_APieceOfPartEntries_IsRefused()
    {
        var writer = new SnapshotWriter();
        writer.Write(2);
        writer.Write(new byte[30]); // one entry and a quarter

        var error = Assert.Throws<InvalidDataException>(() => new ExactIds().Load(new SnapshotReader(writer.ToArray())));
        Assert.Contains("30 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ANegativeCount_IsRefused()
    {
        var writer = new SnapshotWriter();
        writer.Write(-3);

        var error = Assert.Throws<InvalidDataException>(() => new ExactIds().Load(new SnapshotReader(writer.ToArray())));
        Assert.Contains("-3 entries", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFewIds_TakeAChunkOfTheLog_NotAMegabyte()
    {
        // One table per brand and id shape: a brand with few ids pays for one 48 KB chunk and a small index, not for a
        // large one (an earlier version took 1.5 MB with its first id).
        var before = GC.GetAllocatedBytesForCurrentThread();
        var table = new ExactIds();
        for (var i = 0UL; i < 100; i++)
        {
            table.Add((i, i), (long)i);
        }

        table.Evict(50, 0, static (_, _, _) => { });
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(50, table.Count);
        Assert.InRange(allocated, 1, 64 * 1024);
    }

    [Fact]
    public void SteadyArrivals_BurstyEviction_ReuseTheSpentChunks()
    {
        // A minute's ids arrive one by one and leave in one sweep, three chunks of the log at a time: the spent chunks
        // are the next ones the tail fills (with one spare, two of every three were made again).
        const int Chunk = 2_048, Held = 40 * Chunk, Minute = 3 * Chunk;
        var table = new ExactIds();
        for (var i = 0; i < Held; i++)
        {
            table.Add(((ulong)i, 7), i);
        }

        long next = Held, allocated = 0;
        var left = new System.Runtime.CompilerServices.StrongBox<int>();
        for (var minute = 0; minute < 10; minute++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            left.Value = 0;
            table.Evict(next - Held + Minute, left, static (counter, _, _) => counter.Value++); // the sweep
            for (var i = 0; i < Minute; i++)
            {
                table.Add(((ulong)next, 7), next); // the minute's arrivals
                next++;
            }

            allocated += minute == 0 ? 0 : GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(Minute, left.Value);
        }

        Assert.Equal(0, allocated);
        Assert.Equal(Held, table.Count);
        Assert.True(table.Contains(((ulong)(next - Held), 7), next, horizonMs: long.MaxValue / 2));
        Assert.False(table.Contains(((ulong)(next - Held - 1), 7), next, horizonMs: long.MaxValue / 2));

        table.Evict(next, 0, static (_, _, _) => { }); // drained: the spares fall to one
        Assert.Equal(0, table.Count);
        Assert.InRange(table.Chunks, 1, 2);
    }

    [Fact]
    public void SaveLoad_TheRestoredTableGoesOnAsTheOriginal_AndReadsTheQueueFormatItReplaced()
    {
        var (table, oracle) = (new ExactIds(), new Oracle());
        var random = new Random(5);
        long ts = 0;
        for (var step = 0; step < 150_000; step++)
        {
            ts += random.Next(3);
            var id = Id(random, spread: 20_000);
            table.Record(id, ts, Horizon);
            oracle.Record(id, ts, Horizon);
            if (step % 1_000 == 0)
            {
                table.Evict(ts - Horizon, 0, static (_, _, _) => { });
                oracle.Evict(ts - Horizon, []);
            }
        }

        var saved = new SnapshotWriter();
        table.Save(saved);
        var restored = new ExactIds();
        restored.Load(new SnapshotReader(saved.ToArray()));
        var again = new SnapshotWriter();
        restored.Save(again);
        Assert.Equal(saved.ToArray(), again.ToArray());

        var fromQueue = new ExactIds();
        var reader = new SnapshotReader(oracle.Save()) { Format = 18 }; // the last format that wrote the held ids and the queue
        fromQueue.Load(reader);
        Assert.True(reader.AtEnd);

        foreach (var other in new[] { restored, fromQueue })
        {
            Assert.Equal(table.Count, other.Count);
        }

        var follow = new Random(9);
        for (var step = 0; step < 50_000; step++)
        {
            ts += follow.Next(3);
            var id = Id(follow, spread: 20_000);
            var expected = table.Record(id, ts, Horizon);
            Assert.Equal(expected, restored.Record(id, ts, Horizon));
            Assert.Equal(expected, fromQueue.Record(id, ts, Horizon));
        }

        var (a, b, c) = (new List<long>(), new List<long>(), new List<long>());
        table.Evict(ts + 1, a, static (list, _, t) => list.Add(t));
        restored.Evict(ts + 1, b, static (list, _, t) => list.Add(t));
        fromQueue.Evict(ts + 1, c, static (list, _, t) => list.Add(t));
        Assert.Equal(a, b);
        Assert.Equal(a, c);
        Assert.Equal(0, table.Count);
    }

    private static (ulong, ulong) Id(Random random, int spread) => ((ulong)random.Next(spread) * 0x9E3779B97F4A7C15UL, (ulong)random.Next(4));

    // What the exact tier was before, a dictionary of each id's last counted time and a queue of arrivals, except that an
    // id leaves with its newest entry (the dictionary let it go at the first entry with its time; see above).
    private sealed class Oracle
    {
        private readonly Dictionary<(ulong, ulong), long> _seen = [];
        private readonly Dictionary<(ulong, ulong), long> _newest = [];
        private readonly Queue<((ulong, ulong) Id, long Ts, long Sequence)> _order = new();
        private long _sequence;

        public int Count => _seen.Count;

        public bool Contains((ulong, ulong) id, long ts, long horizon) => _seen.TryGetValue(id, out var seen) && Math.Abs(ts - seen) <= horizon;

        public (bool, long?) Record((ulong, ulong) id, long ts, long horizon)
        {
            if (Contains(id, ts, horizon))
            {
                return (true, null);
            }

            return (false, Add(id, ts));
        }

        public long? Add((ulong, ulong) id, long ts)
        {
            long? replaced = _seen.TryGetValue(id, out var earlier) ? earlier : null;
            _seen[id] = ts;
            _newest[id] = ++_sequence;
            _order.Enqueue((id, ts, _sequence));
            return replaced;
        }

        public IEnumerable<long> Times() => _seen.Values;

        public void Evict(long start, List<((ulong, ulong), long)> left)
        {
            while (_order.TryPeek(out var oldest) && oldest.Ts < start)
            {
                _order.Dequeue();
                if (_newest.TryGetValue(oldest.Id, out var newest) && newest == oldest.Sequence)
                {
                    _seen.Remove(oldest.Id);
                    _newest.Remove(oldest.Id);
                    left.Add((oldest.Id, oldest.Ts));
                }
            }
        }

        public byte[] Save()
        {
            var writer = new SnapshotWriter();
            writer.Write(_seen, static (w, id) => { w.Write(id.Item1); w.Write(id.Item2); }, static (w, ts) => w.Write(ts));
            writer.Write(_order.Count);
            foreach (var (id, ts, _) in _order)
            {
                writer.Write(id.Item1);
                writer.Write(id.Item2);
                writer.Write(ts);
            }

            return writer.ToArray();
        }
    }
}
