using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Snapshots;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// A late impression marks its account's window entries shown (<see cref="PostState.MarkShown"/>), and looks only when
/// the account holds an entry not shown (docs/design.md, "Per-event cost"). Against a plain list of the entries that marks
/// by scanning all of them: random entries observed in event-time order with some behind, impressions of accounts with and
/// without entries to mark, old entries forgotten, and a restore now and then. After every step the window's shown flags
/// and the accounts holding an entry not shown are the list's.
/// </summary>
public sealed class PostStateShownTests
{
    private const long Lag = 8_000;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void MarkShown_RandomWindowsWithLateImpressions_MarksWhatAScanOfEveryEntryMarks(int seed)
    {
        var random = new Random(seed);
        var post = new PostState("campaign", "creator", "post");
        var model = new List<(long Ts, ulong User, bool Shown)>(); // oldest first, as the window
        long newest = 1_000_000;
        var users = 4 + random.Next(30);
        int marked = 0, restores = 0;

        for (var step = 0; step < 3_000; step++)
        {
            newest += random.Next(0, 1_200);
            var ts = random.NextDouble() < 0.1 ? newest - random.Next(1, 12_000) : newest; // some arrive behind
            var user = (ulong)random.Next(users);
            var roll = random.NextDouble();
            if (roll < 0.3)
            {
                var before = model.Count(entry => !entry.Shown);
                post.MarkShown(user, ts - Lag, ts);
                for (var i = 0; i < model.Count; i++)
                {
                    if (model[i].User == user && model[i].Ts >= ts - Lag && model[i].Ts <= ts)
                    {
                        model[i] = model[i] with { Shown = true };
                    }
                }

                marked += before - model.Count(entry => !entry.Shown);
            }
            else if (roll < 0.32)
            {
                var before = newest - random.Next(10_000, 60_000);
                post.ForgetWindowBefore(before);
                model.RemoveAll(entry => entry.Ts < before); // the list is sorted, so these are its head
            }
            else if (roll < 0.325)
            {
                post = Restored(post);
                restores++;
            }
            else
            {
                var shown = random.NextDouble() < 0.6;
                post.Observe(new WindowEntry(ts, user, (byte)random.Next(4), shown, Newcomer: true, false, false, false, null));
                var at = model.Count;
                while (at > 0 && model[at - 1].Ts > ts)
                {
                    at--;
                }

                model.Insert(at, (ts, user, shown));
            }

            Assert.Equal(model.Select(entry => (entry.Ts, entry.User, entry.Shown)), post.Window.Select(entry => (entry.Ts, entry.User, entry.Shown)));
            Assert.Equal(model.Where(entry => !entry.Shown).Select(entry => entry.User).Distinct().Count(), post.UnshownAccounts);
        }

        Assert.True(marked > 50, $"seed {seed}: impressions marked entries ({marked})");
        Assert.True(restores > 0, $"seed {seed}: restored at least once");
    }

    [Fact]
    public void MarkShown_AnAccountWhoseEntriesAreAllShown_ChangesNothing_AndAnotherAccountsEntryStaysUnshown()
    {
        var post = new PostState("campaign", "creator", "post");
        post.Observe(new WindowEntry(10_000, 1, 0, Shown: true, Newcomer: true, false, false, false, null));
        post.Observe(new WindowEntry(11_000, 2, 0, Shown: false, Newcomer: true, false, false, false, null));
        Assert.Equal(1, post.UnshownAccounts);

        post.MarkShown(1, 5_000, 12_000);
        Assert.Equal([true, false], post.Window.Select(entry => entry.Shown));

        post.MarkShown(2, 5_000, 12_000);
        Assert.Equal([true, true], post.Window.Select(entry => entry.Shown));
        Assert.Equal(0, post.UnshownAccounts);
    }

    private static PostState Restored(PostState post)
    {
        var writer = new SnapshotWriter();
        post.Save(writer);
        return PostState.Load(new SnapshotReader(writer.ToArray()));
    }
}
