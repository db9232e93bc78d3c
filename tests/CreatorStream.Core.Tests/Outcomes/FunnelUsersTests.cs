using CreatorStream.Core.Outcomes;

namespace CreatorStream.Core.Tests.Outcomes;

/// <summary>
/// The funnel's flat user table (docs/design.md, "Per-event cost") against a dictionary of lists: rows in the order users
/// came, each row's entries in the order they were added, across the index's growth and the move past the inline three.
/// </summary>
public sealed class FunnelUsersTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void RandomPasses_HoldWhatADictionaryOfListsHolds(int seed)
    {
        var random = new Random(seed);
        var users = new FunnelUsers();
        var oracle = new Dictionary<ulong, List<uint>>();
        var order = new List<ulong>();
        for (var step = 0; step < 30_000; step++)
        {
            // Small keys (0 among them) and keys that differ only in their top bits: probes collide and wrap.
            var key = random.Next(3) switch
            {
                0 => (ulong)random.Next(200),
                1 => (ulong)random.Next(200) << 56,
                _ => (ulong)random.NextInt64(),
            };

            users.Prefetch(key, stage: step & 1); // a hint only: it reads, never changes
            var row = users.RowOf(key);
            if (!oracle.TryGetValue(key, out var entries))
            {
                oracle[key] = entries = [];
                order.Add(key);
            }

            Assert.Equal(order.IndexOf(key), row);
            if (random.Next(3) == 0 && entries.Count > 0)
            {
                var at = random.Next(entries.Count);
                entries[at] = (uint)step;
                users.SetEntry(row, at, (uint)step);
            }
            else if (entries.Count < 12)
            {
                entries.Add((uint)step);
                Assert.Equal(entries.Count - 1, users.AddEntry(row, (uint)step));
            }
        }

        Assert.Equal(order.Count, users.Count);
        for (var row = 0; row < users.Count; row++)
        {
            Assert.Equal(order[row], users.Key(row));
            var held = Enumerable.Range(0, users.Entries(row)).Select(i => users.Entry(row, i));
            Assert.Equal(oracle[order[row]], held);
        }
    }

    [Fact]
    public void RowOf_AUserSeenAgain_IsItsFirstRow()
    {
        var users = new FunnelUsers();
        var first = users.RowOf(42);
        users.AddEntry(first, 7);

        for (ulong key = 1_000; key < 1_100; key++)
        {
            users.RowOf(key); // the index grows several times between the two looks
        }

        Assert.Equal(first, users.RowOf(42));
        Assert.Equal(101, users.Count);
        Assert.Equal((1, 7u), (users.Entries(first), users.Entry(first, 0)));
    }
}
