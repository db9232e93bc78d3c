using CreatorStream.Core.Authenticity;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>What a full table forgets: the entries seen longest ago, ties by key, against a brute-force oracle.</summary>
public sealed class LeastRecentTests
{
    [Fact]
    public void Forget_ByHand_DropsTheOldestAndBreaksTiesByKey()
    {
        var table = new Dictionary<ulong, long> { [9] = 100, [3] = 100, [5] = 50, [1] = 300, [7] = 200 };

        new LeastRecent().Forget(table, 3, static seen => seen);

        // 5 (seen at 50), then 3 and 9 (both at 100: 3 first), so all three go and 1 and 7 stay.
        Assert.Equal([1UL, 7UL], table.Keys.Order());
    }

    [Fact]
    public void Forget_MoreThanTheTableHolds_EmptiesIt()
    {
        var table = new Dictionary<ulong, long> { [1] = 1, [2] = 2 };
        new LeastRecent().Forget(table, 5, static seen => seen);
        Assert.Empty(table);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Forget_RandomTables_KeepsWhatTheFullSortKeeps(int seed)
    {
        var random = new Random(seed);
        var table = new Dictionary<ulong, long>();
        while (table.Count < 2_000)
        {
            table[(ulong)random.NextInt64()] = random.Next(0, 50); // many ties in time
        }

        var expected = table.OrderBy(p => p.Value).ThenBy(p => p.Key).Skip(200).Select(p => p.Key).Order().ToList();
        new LeastRecent().Forget(table, 200, static seen => seen);

        Assert.Equal(expected, table.Keys.Order());
    }

    /// <summary>
    /// One chooser over tables of several sizes and counts, its scratch kept between them: each forgets exactly the
    /// entries a full sort puts first, in that order (the order decides the dictionary's free list, and so where later
    /// entries go and the order a snapshot writes them), and leaves a table equal, entry by entry in enumeration order, to
    /// one a full sort's removals leave.
    /// </summary>
    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Forget_ScratchKeptAcrossTables_RemovesAsTheFullSortRemoves(int seed)
    {
        var random = new Random(seed);
        var chooser = new LeastRecent();
        foreach (var (size, count) in new[] { (1_000, 100), (50, 49), (3_000, 300), (10, 1), (2_000, 2_000), (500, 120) })
        {
            var table = new Dictionary<ulong, long>();
            var oracle = new Dictionary<ulong, long>();
            while (table.Count < size)
            {
                var key = (ulong)random.Next(0, 4 * size); // small keys: ties in time are broken by key often
                var seen = (long)random.Next(0, size / 4);
                table[key] = seen;
                oracle[key] = seen;
            }

            foreach (var (key, _) in oracle.OrderBy(p => p.Value).ThenBy(p => p.Key).Take(count).ToList())
            {
                oracle.Remove(key);
            }

            chooser.Forget(table, count, static seen => seen);
            for (var later = 0UL; later < (ulong)count; later++)
            {
                // Later entries land in the slots the removals freed, last freed first, as in the oracle: so the whole
                // removal order shows in the table's order.
                table[ulong.MaxValue - later] = -1;
                oracle[ulong.MaxValue - later] = -1;
            }

            Assert.Equal(oracle.ToList(), table.ToList());
        }
    }

    /// <summary>A flat table forgets what a dictionary of the same entries forgets (the choice is by time and key alone), nothing when asked for none.</summary>
    [Theory]
    [InlineData(6, 2_000, 200)]
    [InlineData(7, 300, 299)]
    [InlineData(8, 50, 0)]
    public void Forget_AFlatTable_KeepsWhatTheDictionaryKeeps(int seed, int size, int count)
    {
        var random = new Random(seed);
        var dictionary = new Dictionary<ulong, long>();
        var flat = new CreatorStream.Core.Sketches.FlatTable<long>();
        while (dictionary.Count < size)
        {
            var key = (ulong)random.Next(0, 4 * size); // the key 0 too, now and then
            var seen = (long)random.Next(0, size / 4);
            dictionary[key] = seen;
            flat.Set(key, seen);
        }

        var chooser = new LeastRecent();
        chooser.Forget(dictionary, count, static seen => seen);
        chooser.Forget(flat, count, static seen => seen);

        var kept = new List<KeyValuePair<ulong, long>>();
        foreach (var entry in flat)
        {
            kept.Add(entry);
        }

        Assert.Equal(size - count, kept.Count);
        Assert.Equal(dictionary.OrderBy(p => p.Key), kept.OrderBy(p => p.Key));
    }
}
