using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Tests.Metrics;

/// <summary>The user hashes of a delta: a list on a pooled array, read back exactly, given back once (docs/design.md, "Per-event cost").</summary>
public sealed class UserHashListTests
{
    [Fact]
    public void Add_ThroughManyGrowths_ReadsBackEveryHashInOrder()
    {
        var list = new UserHashList();
        var expected = new List<ulong>();
        var random = new Random(7);
        for (var i = 0; i < 5_000; i++)
        {
            var hash = (ulong)random.NextInt64();
            list.Add(hash);
            expected.Add(hash);
        }

        Assert.Equal(expected.Count, list.Count);
        Assert.Equal(expected, list.AsSpan().ToArray());
        var enumerated = new List<ulong>();
        foreach (var hash in list)
        {
            enumerated.Add(hash);
        }

        Assert.Equal(expected, enumerated);
        Assert.Equal(expected, list.ToList()); // as an IEnumerable too
        Assert.Equal(expected[4_321], list.AsSpan()[4_321]);
    }

    [Fact]
    public void Clear_KeepsTheArray_Release_EmptiesForGood()
    {
        var list = new UserHashList();
        list.Add(1);
        list.Add(2);
        list.Clear();
        Assert.Equal(0, list.Count);
        list.Add(3);
        Assert.Equal([3UL], list.AsSpan().ToArray());

        Assert.True(list.Capacity >= 16);
        list.Release();
        Assert.Equal(0, list.Capacity); // the array is given back and no longer held: a second release cannot return it again
        list.Release();
        Assert.Equal(0, list.Count);
        Assert.True(list.AsSpan().IsEmpty);
        list.Add(4); // usable again, on a new array
        Assert.Equal([4UL], list.AsSpan().ToArray());
    }
}
