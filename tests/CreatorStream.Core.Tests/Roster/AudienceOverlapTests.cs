using CreatorStream.Core.Roster;
using CreatorStream.Core.Sketches;

namespace CreatorStream.Core.Tests.Roster;

/// <summary>docs/design.md, "Roster": audience overlap, exact on small audiences and within its interval on large ones (brute force as the oracle).</summary>
public sealed class AudienceOverlapTests
{
    [Fact]
    public void Of_SmallAudiences_CountsTheSharedUsersExactly()
    {
        var mine = Sketch(Enumerable.Range(1, 40));
        var theirs = Sketch(Enumerable.Range(31, 20));

        var overlap = AudienceOverlap.Of("ben", "Ben", mine, theirs);

        Assert.True(overlap.Exact);
        Assert.Equal((10.0, 10.0, 10.0), (overlap.Users.Estimate, overlap.Users.Low, overlap.Users.High));
        Assert.Equal((20L, 0.25), (overlap.Reach, overlap.Share!.Value));
    }

    [Theory]
    [InlineData(60_000, 40_000, 15_000)]
    [InlineData(30_000, 30_000, 0)]
    [InlineData(5_000, 80_000, 5_000)]
    public void Of_LargeAudiences_HoldTheTrueOverlapWithinTheInterval(int mineOnly, int theirsOnly, int shared)
    {
        var mine = Sketch(Enumerable.Range(0, mineOnly + shared));
        var theirs = Sketch(Enumerable.Range(mineOnly, shared + theirsOnly));

        var overlap = AudienceOverlap.Of("ben", "Ben", mine, theirs);

        Assert.False(overlap.Exact);
        Assert.True(overlap.Users.Covers(shared), $"{shared} outside {overlap.Users}");
        Assert.InRange(overlap.Users.High - overlap.Users.Low, 0, 0.1 * (mineOnly + shared + theirsOnly));
    }

    private static HyperLogLog Sketch(IEnumerable<int> users) => HyperLogLog.FromHashes(users.Select(u => UserHash.Of($"user-{u}")));
}
