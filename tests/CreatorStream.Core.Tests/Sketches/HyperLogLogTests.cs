using CreatorStream.Core.Sketches;

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

    [Fact]
    public void Of_SameUserId_GivesTheSameHashEveryTime()
    {
        // Fixed value: the hash must not change between processes or releases, or stored sketches stop merging.
        Assert.Equal(UserHash.Of("user-1"), UserHash.Of("user-1"));
        Assert.NotEqual(UserHash.Of("user-1"), UserHash.Of("user-2"));
    }
}
