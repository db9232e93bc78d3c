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
}
