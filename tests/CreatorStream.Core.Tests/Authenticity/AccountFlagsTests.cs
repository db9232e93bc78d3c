using CreatorStream.Core.Authenticity;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>A flagged account's counts and posts, held inline in one object, against a plain list and array tally.</summary>
public sealed class AccountFlagsTests
{
    [Fact]
    public void Flags_OnManyPosts_KeepTheLatestSixteenWithTheirCounts()
    {
        var random = new Random(56);
        var posts = Enumerable.Range(0, 40).Select(i => new PostScopes("spring", $"c{i % 3}", $"p{i}")).ToArray();
        var flags = new AccountFlags();
        var expectedPosts = new List<(PostScopes Post, int Flagged)>();
        var expectedCounts = new int[AuthenticityReasons.All.Count];
        for (var step = 0; step < 2_000; step++)
        {
            var post = posts[random.Next(random.Next(2) == 0 ? 8 : posts.Length)];
            var reasons = random.Next(1 << AuthenticityReasons.All.Count);
            flags.CountReasons(reasons);
            flags.FlagOn(post, maxPosts: 16);

            for (var bit = 0; bit < expectedCounts.Length; bit++)
            {
                expectedCounts[bit] += (reasons >> bit) & 1;
            }

            var at = expectedPosts.FindIndex(p => p.Post.IsPost(post));
            if (at >= 0)
            {
                expectedPosts[at] = (expectedPosts[at].Post, expectedPosts[at].Flagged + 1);
            }
            else
            {
                if (expectedPosts.Count == 16)
                {
                    expectedPosts.RemoveAt(0);
                }

                expectedPosts.Add((post, 1));
            }

            Assert.Equal(expectedPosts, flags.Posts.ToArray().Select(p => (p.Post, p.Flagged)));
        }

        Assert.Equal(expectedCounts, flags.ReasonCounts.ToArray());
        Assert.True(flags.HasPosts);
    }

    [Fact]
    public void RestoredCounts_OfFewerCodes_KeepTheirLengthAndCountOnlyThose()
    {
        // A snapshot made when there were fewer reason codes counts only those, as the array it restored did.
        var flags = new AccountFlags();
        Assert.False(flags.HasReasonCounts);
        Assert.Equal(0, flags.ReasonCounts.Length);

        flags.RestoreReasonCounts([3, 0, 1]);
        flags.CountReasons(0b1101);

        Assert.Equal([4, 0, 2], flags.ReasonCounts.ToArray());
        Assert.Throws<InvalidDataException>(() => new AccountFlags().RestoreReasonCounts(new int[AccountFlags.ReasonSlots + 1]));
    }
}
