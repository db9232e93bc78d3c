using CreatorStream.Core.Authenticity;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>What a full table forgets: the entries seen longest ago, ties by key, against a brute-force oracle.</summary>
public sealed class LeastRecentTests
{
    [Fact]
    public void Forget_ByHand_DropsTheOldestAndBreaksTiesByKey()
    {
        var table = new Dictionary<ulong, long> { [9] = 100, [3] = 100, [5] = 50, [1] = 300, [7] = 200 };

        LeastRecent.Forget(table, 3, static seen => seen);

        // 5 (seen at 50), then 3 and 9 (both at 100: 3 first), so all three go and 1 and 7 stay.
        Assert.Equal([1UL, 7UL], table.Keys.Order());
    }

    [Fact]
    public void Forget_MoreThanTheTableHolds_EmptiesIt()
    {
        var table = new Dictionary<ulong, long> { [1] = 1, [2] = 2 };
        LeastRecent.Forget(table, 5, static seen => seen);
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
        LeastRecent.Forget(table, 200, static seen => seen);

        Assert.Equal(expected, table.Keys.Order());
    }
}
