using System.Runtime.CompilerServices;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Tests.Metrics;

/// <summary>
/// A post's values kept by its ids' references (docs/design.md, "Per-event cost"): found only for the very id instances
/// and platform they were kept for, so a value found is always the one its caller would have worked out.
/// </summary>
public sealed class RecentPostsTests
{
    private const string Campaign = "spring";
    private const string Creator = "anna";

    [Fact]
    public void TryGet_TheSameInstances_FindsTheValueKept()
    {
        var posts = new RecentPosts<int>();
        var content = Id("post-1");
        posts.Set(Campaign, Creator, content, Platform.Instagram, 7);

        Assert.True(posts.TryGet(Campaign, Creator, content, Platform.Instagram, out var value));
        Assert.Equal(7, value);
    }

    [Fact]
    public void TryGet_AnyIdOrThePlatformOtherThanKept_FindsNothing()
    {
        var posts = new RecentPosts<int>();
        var content = Id("post-1");
        posts.Set(Campaign, Creator, content, Platform.Instagram, 7);

        Assert.False(posts.TryGet(Id(Campaign), Creator, content, Platform.Instagram, out _)); // equal, another instance
        Assert.False(posts.TryGet(Campaign, Id(Creator), content, Platform.Instagram, out _));
        Assert.False(posts.TryGet(Campaign, Creator, Id("post-1"), Platform.Instagram, out _));
        Assert.False(posts.TryGet("autumn", Creator, content, Platform.Instagram, out _)); // another campaign's post of that id
        Assert.False(posts.TryGet(Campaign, "ben", content, Platform.Instagram, out _));
        Assert.False(posts.TryGet(Campaign, Creator, content, Platform.TikTok, out _));
        Assert.False(new RecentPosts<int>().TryGet(Campaign, Creator, content, Platform.Instagram, out _)); // nothing kept
    }

    [Fact]
    public void Set_APostOfTheSameSlot_TakesThePlaceOfTheOneBefore()
    {
        var posts = new RecentPosts<int>();
        var first = Id("post-0");
        var second = Enumerable.Range(1, 100_000).Select(i => Id($"post-{i}")).First(c => Slot(c) == Slot(first));
        posts.Set(Campaign, Creator, first, Platform.Instagram, 1);
        posts.Set(Campaign, Creator, second, Platform.Instagram, 2);

        Assert.False(posts.TryGet(Campaign, Creator, first, Platform.Instagram, out _));
        Assert.True(posts.TryGet(Campaign, Creator, second, Platform.Instagram, out var value));
        Assert.Equal(2, value);
    }

    [Fact]
    public void Set_ManyPosts_FindsEachByItsOwnInstancesOrNotAtAll()
    {
        // Brute force: whatever is found for a post is the value kept for that post, never another's.
        var posts = new RecentPosts<string>();
        var ids = Enumerable.Range(0, 1_000).Select(i => Id($"post-{i}")).ToArray();
        var random = new Random(11);
        var found = 0;
        for (var step = 0; step < 20_000; step++)
        {
            var content = ids[random.Next(ids.Length)];
            if (posts.TryGet(Campaign, Creator, content, Platform.YouTube, out var value))
            {
                Assert.Equal(content, value);
                found++;
            }
            else
            {
                posts.Set(Campaign, Creator, content, Platform.YouTube, Id(content));
            }
        }

        Assert.InRange(found, 1, 20_000); // some are found: the test reads both ways
    }

    private static string Id(string id) => new(id.AsSpan()); // a new instance each time, as an id past the decoder's pool

    private static int Slot(string content) => RuntimeHelpers.GetHashCode(content) & (RecentPosts<int>.Slots - 1);
}
