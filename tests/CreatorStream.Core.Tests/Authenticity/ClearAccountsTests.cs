using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Snapshots;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// The accounts a post knows hold nothing to revise there (<see cref="ClearAccounts"/>) and the flags its window keeps
/// beside each entry (<see cref="PostState.EntryKnownClear"/>): a flag stands for an account in the set, always. The
/// random windows of <see cref="GroupTallyTests"/> check the member sets built from them against a plain model; these
/// pin the edges those rarely reach (a full set, an account with several entries, late entries, a restore).
/// </summary>
public sealed class ClearAccountsTests
{
    [Fact]
    public void Add_PastCapacity_ForgetsEveryAccountFirstAndSaysSo()
    {
        var clear = new ClearAccounts();
        for (var account = 1UL; account <= ClearAccounts.Capacity; account++)
        {
            Assert.True(clear.Add(account));
        }

        Assert.True(clear.Add(1)); // an account held already costs no room
        Assert.Equal(ClearAccounts.Capacity, clear.Count);

        Assert.False(clear.Add(ulong.MaxValue));
        Assert.Equal(1, clear.Count);
        Assert.True(clear.Contains(ulong.MaxValue));
        Assert.False(clear.Contains(1));
    }

    [Fact]
    public void Judged_AnAccountKnownClear_IsNoLongerKnownAndSaysItWas()
    {
        var clear = new ClearAccounts();
        clear.Add(7);

        Assert.True(clear.Judged(7));
        Assert.False(clear.Contains(7));
        Assert.False(clear.Judged(7));
    }

    [Fact]
    public void EntryKnownClear_FollowsTheAccountsEntriesThroughMarksJudgementsAndLateEntries()
    {
        var post = Post(7, 8, 7, 9, 7);
        post.MarkClear(7);
        Assert.Equal([true, false, true, false, true], Flags(post));

        // A late entry of a clear account lands among the others, known clear; one of an account not known, not.
        post.Observe(Entry(2_500, 7));
        post.Observe(Entry(3_500, 9));
        Assert.Equal([true, false, true, true, false, false, true], Flags(post));

        post.MarkClear(9);
        post.JudgedAuthentic(7); // every entry of the account loses its flag, read or not
        Assert.Equal([false, false, false, false, true, true, false], Flags(post));
        Assert.True(post.AccountKnownClear(9));
        Assert.False(post.AccountKnownClear(7));
    }

    [Fact]
    public void MarkClear_WhenTheSetIsFull_ForgetsTheFlagsOfTheAccountsItForgot()
    {
        var post = Post(7, 8);
        post.MarkClear(7);
        Assert.True(post.EntryKnownClear(0)); // read, so flagged beside the entry

        for (var account = 1_000UL; post.KnownClearAccounts < ClearAccounts.Capacity; account++)
        {
            post.MarkClear(account);
        }

        post.MarkClear(8); // the set forgets everyone to take it
        Assert.Equal(1, post.KnownClearAccounts);
        Assert.False(post.EntryKnownClear(0));
        Assert.True(post.EntryKnownClear(1));
    }

    [Fact]
    public void ForgetWindowBefore_TheLastEntry_ForgetsTheAccountsKnownClear()
    {
        var post = Post(7, 8);
        post.MarkClear(7);
        post.ForgetWindowBefore(1_500);
        Assert.Equal(1, post.KnownClearAccounts); // an entry is left: the set stays

        post.ForgetWindowBefore(10_000);
        Assert.Equal(0, post.KnownClearAccounts);
        post.Observe(Entry(20_000, 7));
        Assert.False(post.EntryKnownClear(0));
    }

    [Fact]
    public void Load_ASavedPostWithAccountsKnownClear_KnowsNoneAndWritesTheSameBytes()
    {
        var post = Post(7, 8, 7);
        var before = Save(post);
        post.MarkClear(7);
        _ = Flags(post);

        var saved = Save(post);
        var restored = PostState.Load(new SnapshotReader(saved));

        Assert.Equal(before, saved); // a cache, not state: the snapshot does not carry it
        Assert.Equal(0, restored.KnownClearAccounts);
        Assert.Equal([false, false, false], Flags(restored));
    }

    /// <summary>A post whose window holds one like of each account, a second apart from 1 s.</summary>
    private static PostState Post(params ulong[] accounts)
    {
        var post = new PostState("campaign", "creator", "post");
        for (var i = 0; i < accounts.Length; i++)
        {
            post.Observe(Entry(1_000 * (i + 1), accounts[i]));
        }

        return post;
    }

    private static WindowEntry Entry(long ts, ulong account) => new(ts, account, 0, Shown: false, Newcomer: true, false, false, false, null);

    private static bool[] Flags(PostState post) => [.. Enumerable.Range(0, post.Window.Count).Select(post.EntryKnownClear)];

    private static byte[] Save(PostState post)
    {
        var writer = new SnapshotWriter();
        post.Save(writer);
        return writer.ToArray();
    }
}
