using CreatorStream.Core.Metrics;
using CreatorStream.Core.Sketches;
using CreatorStream.Core.Snapshots;

namespace CreatorStream.Core.Tests.Sketches;

public sealed class HyperLogLogTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(999)]
    [InlineData(HyperLogLog.SparseLimit)]
    public void Count_BelowTheSparseLimit_IsExact(int users)
    {
        var sketch = new HyperLogLog();
        for (var i = 0; i < users; i++)
        {
            sketch.Add(UserHash.Of($"user-{i}"));
            sketch.Add(UserHash.Of($"user-{i}")); // every user twice: still counted once
        }

        Assert.Equal(users, sketch.Count());
        Assert.True(sketch.IsExact);
    }

    [Theory]
    [InlineData(2_000)]
    [InlineData(10_000)]
    [InlineData(50_000)]
    [InlineData(100_000)]
    [InlineData(1_000_000)]
    public void Count_LargeSets_IsWithinTwoPercentOfTheExactCount(int users)
    {
        var sketch = new HyperLogLog();
        for (var i = 0; i < users; i++)
        {
            sketch.Add(UserHash.Of($"u{i}"));
        }

        var error = Math.Abs(sketch.Count() - users) / (double)users;

        Assert.True(error < 0.02, $"estimate {sketch.Count()} for {users} users: error {error:P2}");
    }

    [Fact]
    public void Merge_OfOverlappingSketches_EqualsTheSketchOfTheUnion()
    {
        var random = new Random(7);
        var a = new HyperLogLog();
        var b = new HyperLogLog();
        var union = new HyperLogLog();
        for (var i = 0; i < 30_000; i++)
        {
            var hash = UserHash.Of($"u{random.Next(40_000)}");
            (random.Next(2) == 0 ? a : b).Add(hash);
            union.Add(hash);
        }

        a.Merge(b);

        Assert.Equal(union.Count(), a.Count());
    }

    [Fact]
    public void Merge_SameUsersSeenOnTwoPlatforms_CountsEachOnce()
    {
        var instagram = new HyperLogLog();
        var tiktok = new HyperLogLog();
        for (var i = 0; i < 600; i++)
        {
            instagram.Add(UserHash.Of($"u{i}"));
        }

        for (var i = 400; i < 900; i++)
        {
            tiktok.Add(UserHash.Of($"u{i}"));
        }

        var creator = instagram.Clone();
        creator.Merge(tiktok);

        Assert.Equal(900, creator.Count());
        Assert.Equal(600, instagram.Count()); // the clone shares no state
    }

    // Golden values, computed outside this code (FNV-1a 64 over the UTF-16LE bytes, then MurmurHash3's fmix64, in a few
    // lines of Python): the hash must not change between processes, machines or releases, or stored sketches stop merging.
    [Theory]
    [InlineData("", 0xEFD01F60BA992926UL)]
    [InlineData("user-1", 0x264807F9144BE64FUL)]
    [InlineData("user-2", 0xA3B6F34ABE4E3B26UL)]
    [InlineData("u-3f9a0c12de", 0xA46738D361F72466UL)]
    [InlineData("zoë 🔥", 0x0716F6C57B3A4BA6UL)] // beyond ASCII: both bytes of each code unit, a surrogate pair as two
    public void Of_KnownUserIds_GiveTheGoldenHashes(string userId, ulong expected)
    {
        Assert.Equal(expected, UserHash.Of(userId));
    }

    // By hand: the top 14 bits pick the register; the rank is one more than the leading zeros of the other 50, capped at 51.
    [Theory]
    [InlineData(0x264807F9144BE64FUL, 2450, 8)]
    [InlineData(1UL << 49, 0, 1)]
    [InlineData(1UL, 0, 50)]
    [InlineData(1UL << 50, 1, 51)]
    public void Position_KnownHashes_GiveTheirRegisterAndRank(ulong hash, int index, byte rank)
    {
        Assert.Equal((index, rank), HyperLogLog.Position(hash));
    }

    // The exact tier is an open-addressing table: a HashSet<ulong> is the oracle. Hashes drawn from a few hundred values
    // repeat, and small values (0 among them) crowd a few probe sequences, so wrapped probes and every growth step run.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Add_ExactTier_AgreesWithAHashSetAddByAdd(int seed)
    {
        var random = new Random(seed);
        var sketch = new HyperLogLog();
        var oracle = new HashSet<ulong>();
        for (var i = 0; i < 3_000 && oracle.Count < HyperLogLog.SparseLimit; i++)
        {
            var hash = random.Next(4) switch
            {
                0 => (ulong)random.Next(40), // small values, 0 included
                1 => UserHash.Of($"u{random.Next(2_000)}"),
                2 => (ulong)random.Next(40) << 60, // the same low bits
                _ => ulong.MaxValue - (ulong)random.Next(40),
            };

            Assert.Equal(oracle.Add(hash), sketch.Add(hash));
            Assert.Equal(oracle.Count, sketch.Count());
            Assert.True(sketch.ContainsExactly(hash));
        }

        Assert.True(sketch.IsExact);
        Assert.Equal(oracle.Order(), sketch.SortedExactHashes()!);
        Assert.Equal(oracle.Contains(0), sketch.ContainsExactly(0));
        for (ulong absent = 40; absent < 400; absent++)
        {
            Assert.Equal(oracle.Contains(absent), sketch.ContainsExactly(absent));
        }
    }

    // Three hashes whose probes all start at the last of the first table's four slots: the second and third wrap to
    // slots 0 and 1, and must still be found, counted once and kept through the growth the fourth hash brings.
    [Fact]
    public void Add_ProbesThatWrapPastTheLastSlot_KeepEveryHash()
    {
        var last = Enumerable.Range(1, 10_000).Select(i => (ulong)i).Where(h => (h * 0x9E37_79B9_7F4A_7C15UL) >> 62 == 3).Take(4).ToArray();
        var sketch = new HyperLogLog();

        foreach (var hash in last[..3])
        {
            Assert.True(sketch.Add(hash));
        }

        Assert.All(last[..3], hash => Assert.False(sketch.Add(hash)));
        Assert.False(sketch.ContainsExactly(last[3]));
        Assert.True(sketch.Add(last[3]));
        Assert.Equal(4, sketch.Count());
        Assert.Equal(last.Order(), sketch.SortedExactHashes()!);
    }

    // Past the limit the registers must be those of every hash added straight to registers (0 too): Position is the oracle.
    [Fact]
    public void Add_PastTheSparseLimit_KeepsTheRegistersOfEveryHash()
    {
        var hashes = new[] { 0UL }.Concat(Enumerable.Range(0, HyperLogLog.SparseLimit).Select(i => UserHash.Of($"u{i}"))).ToArray();
        var expected = new byte[HyperLogLog.RegisterCount];
        foreach (var hash in hashes)
        {
            var (index, rank) = HyperLogLog.Position(hash);
            expected[index] = Math.Max(expected[index], rank);
        }

        var sketch = HyperLogLog.FromHashes(hashes);

        Assert.False(sketch.IsExact);
        Assert.Null(sketch.SortedExactHashes());
        Assert.Equal(expected, sketch.Registers.ToArray());
        Assert.Throws<InvalidOperationException>(() => sketch.ContainsExactly(0));
    }

    [Fact]
    public void Merge_ExactIntoExact_HoldsTheUnionAndLeavesTheOtherAsItWas()
    {
        var a = HyperLogLog.FromHashes([1, 2, 3, 4, 5]);
        var b = HyperLogLog.FromHashes([0, 4, 5, 6, 7]);

        a.Merge(b);
        a.Merge(a);

        Assert.Equal([0UL, 1, 2, 3, 4, 5, 6, 7], a.SortedExactHashes()!);
        Assert.Equal([0UL, 4, 5, 6, 7], b.SortedExactHashes()!);
    }

    // Merges that leave or cross the exact tier: the registers must be those of every hash of the union, added straight
    // to registers (Position is the oracle), and the merged-in sketch is left as it was.
    [Theory]
    [InlineData("exact into registers")]
    [InlineData("registers into exact")]
    [InlineData("exact into exact, past the limit")]
    public void Merge_LeavingTheExactTier_HoldsTheRegistersOfTheUnion(string merge)
    {
        var many = new[] { 0UL }.Concat(Enumerable.Range(0, HyperLogLog.SparseLimit + 5).Select(i => UserHash.Of($"u{i}"))).ToArray();
        var few = new[] { 0UL }.Concat(Enumerable.Range(0, 40).Select(i => UserHash.Of($"v{i}"))).Concat(many[1..20]).ToArray();
        var (into, other) = merge switch
        {
            "exact into registers" => (many, few),
            "registers into exact" => (few, many),
            _ => (many[..(HyperLogLog.SparseLimit - 10)], many[(HyperLogLog.SparseLimit - 30)..]), // 20 shared, 30 more than the limit
        };
        var expected = new byte[HyperLogLog.RegisterCount];
        foreach (var hash in into.Concat(other))
        {
            var (index, rank) = HyperLogLog.Position(hash);
            expected[index] = Math.Max(expected[index], rank);
        }

        var sketch = HyperLogLog.FromHashes(into);
        var merged = HyperLogLog.FromHashes(other);
        var otherBefore = merged.IsExact ? merged.SortedExactHashes()! : merged.Registers.ToArray().Select(r => (ulong)r).ToArray();
        sketch.Merge(merged);

        Assert.False(sketch.IsExact);
        Assert.Equal(expected, sketch.Registers.ToArray());
        Assert.Equal(otherBefore, merged.IsExact ? merged.SortedExactHashes()! : merged.Registers.ToArray().Select(r => (ulong)r).ToArray());
    }

    [Fact]
    public void Clone_OfAnExactSketch_SharesNoSlots()
    {
        var original = HyperLogLog.FromHashes([0, 1, 2]); // two of four slots used: the copy's next hash fits without growing

        var copy = original.Clone();
        copy.Add(3);

        Assert.False(original.ContainsExactly(3));
        Assert.Equal([0UL, 1, 2], original.SortedExactHashes()!);
        Assert.Equal([0UL, 1, 2, 3], copy.SortedExactHashes()!);
        Assert.False(copy.Add(0));
    }

    // A snapshot writes an exact sketch's hashes sorted: the same users give the same bytes whatever order they came in,
    // and a load then a save gives the bytes back. A snapshot written in arrival order (before sorting) still loads.
    [Fact]
    public void Save_TheSameUsersInAnyOrder_WritesTheSameBytes()
    {
        var hashes = Enumerable.Range(0, 500).Select(i => UserHash.Of($"u{i}")).Append(0UL).ToArray();
        var forward = AggregateOf(hashes);
        var backward = AggregateOf(hashes.Reverse());

        var bytes = Saved(forward);
        var reloaded = Aggregate.Load(new SnapshotReader(bytes));

        Assert.Equal(bytes, Saved(backward));
        Assert.Equal(bytes, Saved(reloaded));
        Assert.Equal(hashes.Length, reloaded.Reach.Count());

        var legacy = new SnapshotWriter();
        legacy.Write(in forward.Counters);
        legacy.Write((long?)null);
        legacy.Write((long?)null);
        legacy.Write((long?)null);
        legacy.Write((long?)null);
        legacy.Write(-1);
        legacy.Write(true);
        legacy.Write((IReadOnlyCollection<ulong>)hashes, static (w, h) => w.Write(h)); // arrival order, unsorted
        Assert.Equal(bytes, Saved(Aggregate.Load(new SnapshotReader(legacy.ToArray()))));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void LentArrays_SketchAfterSketch_HoldWhatSketchesOfTheirOwnHold(int seed)
    {
        // Sketches one after another on arrays given back by the ones before (cleared, or a later sketch would hold an
        // earlier one's hashes), through every growth of the exact tier and past it to registers, merges included.
        var random = new Random(seed);
        var arrays = new SketchArrays();
        for (var round = 0; round < 120; round++)
        {
            var lent = new HyperLogLog(arrays);
            var own = new HyperLogLog();
            var n = random.Next(4) switch { 0 => random.Next(8), 1 => random.Next(1_100), _ => random.Next(3_000) };
            for (var i = 0; i < n; i++)
            {
                var hash = random.Next(50) == 0 ? 0UL : (ulong)random.NextInt64() * (ulong)random.Next(1, 3); // repeats and a 0 now and then
                Assert.Equal(own.Add(hash), lent.Add(hash));
            }

            if (round % 5 == 0)
            {
                var other = HyperLogLog.FromHashes(Enumerable.Range(0, random.Next(1_500)).Select(_ => (ulong)random.NextInt64()));
                own.Merge(other);
                lent.Merge(other);
            }

            Assert.Equal(own.Count(), lent.Count());
            Assert.Equal(own.IsExact, lent.IsExact);
            Assert.Equal(own.SortedExactHashes(), lent.SortedExactHashes());
            Assert.Equal(own.Registers.ToArray(), lent.Registers.ToArray());
            lent.GiveBack();
            Assert.Equal(0, lent.Count());
        }

        Assert.True(arrays.Reused > 100, $"{arrays.Reused} arrays lent again");
        Assert.InRange(arrays.BytesKept, 1, SketchArrays.MaxBytesKept);
    }

    [Fact]
    public void LentArrays_GivenBackHoldingHashes_AreLentAgainCleared()
    {
        var arrays = new SketchArrays();
        var slots = new ulong[64];
        var registers = new byte[HyperLogLog.RegisterCount];
        slots.AsSpan().Fill(7);
        registers.AsSpan().Fill(3);
        arrays.GiveBack(slots);
        arrays.GiveBack(registers);

        Assert.Same(slots, arrays.RentSlots(64));
        Assert.Same(registers, arrays.RentRegisters());
        Assert.All(slots, slot => Assert.Equal(0UL, slot));
        Assert.All(registers, register => Assert.Equal(0, register));
        Assert.Equal(2, arrays.Reused);
    }

    [Fact]
    public void LentArrays_MoreGivenBackThanTheBound_KeepsNoMoreThanTheBound()
    {
        var arrays = new SketchArrays();
        for (var i = 0; i < 400; i++)
        {
            arrays.GiveBack(new byte[HyperLogLog.RegisterCount]);
            arrays.GiveBack(new ulong[2_048]);
        }

        arrays.GiveBack(new ulong[3]); // no table of the exact tier's: not kept
        Assert.InRange(arrays.BytesKept, SketchArrays.MaxBytesKept - (2_048 * sizeof(ulong)), SketchArrays.MaxBytesKept);
        Assert.Equal(3, arrays.RentSlots(3).Length);
        Assert.All(arrays.RentSlots(2_048), slot => Assert.Equal(0UL, slot));
    }

    private static Aggregate AggregateOf(IEnumerable<ulong> hashes) =>
        Aggregate.Restore(default, HyperLogLog.FromHashes(hashes), null, null, null, null, null);

    private static byte[] Saved(Aggregate aggregate)
    {
        var writer = new SnapshotWriter();
        aggregate.Save(writer);
        return writer.ToArray();
    }
}
