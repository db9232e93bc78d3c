using CreatorStream.Core.Conversions;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Tests.Conversions;

/// <summary>
/// The journeys' records and their open-addressing index (docs/design.md, "Per-event cost") against a
/// <see cref="Dictionary{TKey, TValue}"/> of the same users: random runs of listing, finding and removing, with users
/// whose 64-bit hashes collide (few hashes for many ids), so long probe runs form and removals shift entries back
/// across them; slots are freed and given out again.
/// </summary>
public sealed class JourneyTableTests
{
    [Theory]
    [InlineData(1, 7)] // seven hashes for every id: runs of colliding keys
    [InlineData(2, 1_000_000)]
    [InlineData(3, 50)]
    public void RandomRuns_FindExactlyWhatADictionaryHolds(int seed, int hashes)
    {
        var table = new JourneyTable();
        var oracle = new Dictionary<HashedId, UserTouches>();
        var random = new Random(seed);
        var letGo = new List<UserTouches>();
        var peak = 0; // the most records holding slots at once: slots are made only when none is free
        for (var step = 0; step < 60_000; step++)
        {
            var key = new HashedId(EventIdKey.Of($"u-{random.Next(4_000)}"), (ulong)random.Next(hashes));
            table.Prefetch(key, stage: step % 3); // a hint only: it reads, never changes (listed keys, colliding ones, freed slots)
            switch (random.Next(3))
            {
                case 0 when !oracle.ContainsKey(key):
                    var record = table.Slotted(new UserTouches(key));
                    table.Add(record);
                    oracle.Add(key, record);
                    break;
                case 1 when oracle.Remove(key, out var listed):
                    table.Remove(listed);
                    Assert.False(listed.Listed);
                    letGo.Add(listed);
                    break;
            }

            Assert.Same(oracle.GetValueOrDefault(key), table.Find(key));
            peak = Math.Max(peak, oracle.Count + letGo.Count);
            if (letGo.Count > 0 && random.Next(4) == 0)
            {
                var freed = letGo[^1];
                letGo.RemoveAt(letGo.Count - 1);
                table.Free(freed);
            }

            if (step % 997 == 0)
            {
                Assert.Equal(oracle.Count, table.Count);
                Assert.All(oracle, pair => Assert.Same(pair.Value, table.Find(pair.Key)));
                var walked = new List<UserTouches>();
                foreach (var user in table)
                {
                    walked.Add(user);
                }

                Assert.Equal(oracle.Values.OrderBy(u => u.Slot), walked); // every listed user once, in slot order
                Assert.Equal(oracle.Count + letGo.Count, table.RecordSlots);
            }
        }

        Assert.Equal(peak, table.SlotsMade); // freed slots were given out again before any new one
    }

    [Fact]
    public void Add_AUserListedAlready_IsRefused()
    {
        var table = new JourneyTable();
        var key = HashedId.Of("u-1");
        table.Add(table.Slotted(new UserTouches(key)));

        var error = Assert.Throws<ArgumentException>(() => table.Add(table.Slotted(new UserTouches(key))));
        Assert.Contains("u-1", error.Message);
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Remove_AUserNotListed_Throws()
    {
        var table = new JourneyTable();
        table.Add(table.Slotted(new UserTouches(HashedId.Of("u-1"))));

        Assert.Throws<InvalidOperationException>(() => table.Remove(table.Slotted(new UserTouches(HashedId.Of("u-2")))));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Free_ARecordTwice_OrListed_IsRefused()
    {
        var table = new JourneyTable();
        var listed = table.Slotted(new UserTouches(HashedId.Of("u-1")));
        table.Add(listed);
        var letGo = table.Slotted(new UserTouches(HashedId.Of("u-2")));
        table.Free(letGo);

        Assert.Throws<InvalidOperationException>(() => table.Free(listed));
        Assert.Throws<InvalidOperationException>(() => table.Free(letGo)); // its slot is free: a second record would share it
        Assert.Throws<InvalidOperationException>(() => table.Add(letGo));
        Assert.Throws<InvalidOperationException>(() => table.Add(new UserTouches(HashedId.Of("u-3")))); // never slotted
        Assert.Equal((1, 1), (table.Count, table.RecordSlots));
    }
}
