using System.Runtime.CompilerServices;
using CreatorStream.Core.Sketches;

namespace CreatorStream.Core.Tests.Sketches;

/// <summary>
/// The flat table against a <see cref="Dictionary{TKey, TValue}"/> on random operations: adds, updates in place, removals
/// (backward shifts, across the array's end too), removal by a test of every entry, growth, the key 0, and keys drawn
/// from a small pool or made to start at the same slot, so runs are long and collide. After every step each key asked
/// about is found or not as the dictionary says, and every few steps the enumeration is the dictionary's entries.
/// </summary>
public sealed class FlatTableTests
{
    [Theory]
    [InlineData(1, 40)]
    [InlineData(2, 400)]
    [InlineData(3, 5_000)]
    [InlineData(4, 40)]
    [InlineData(5, 5_000)]
    public void RandomOperations_AgreeWithADictionary(int seed, int pool)
    {
        var random = new Random(seed);
        var table = new FlatTable<long>();
        var oracle = new Dictionary<ulong, long>();
        var keys = Enumerable.Range(0, pool).Select(i => Key(random, i)).Prepend(0UL).Distinct().ToArray();

        for (var step = 0; step < 40_000; step++)
        {
            var key = keys[random.Next(keys.Length)];
            table.Prefetch(key); // only a hint: no step may depend on it
            var roll = random.NextDouble();
            if (roll < 0.45)
            {
                ref var value = ref table.GetOrAdd(key, out var existed);
                Assert.Equal(oracle.ContainsKey(key), existed);
                Assert.Equal(oracle.GetValueOrDefault(key), value);
                value += step;
                oracle[key] = oracle.GetValueOrDefault(key) + step;
            }
            else if (roll < 0.55)
            {
                table.Set(key, -step);
                oracle[key] = -step;
            }
            else if (roll < 0.85)
            {
                Assert.Equal(oracle.Remove(key), table.Remove(key));
            }
            else if (roll < 0.86)
            {
                var cut = random.Next(40_000);
                table.RemoveAll(cut, static (_, value, cut) => Math.Abs(value) % 40_000 < cut / 4);
                foreach (var (k, v) in oracle)
                {
                    if (Math.Abs(v) % 40_000 < cut / 4)
                    {
                        oracle.Remove(k);
                    }
                }
            }

            ref var found = ref table.Find(key);
            Assert.Equal(oracle.TryGetValue(key, out var expected), !Unsafe.IsNullRef(ref found));
            if (!Unsafe.IsNullRef(ref found))
            {
                Assert.Equal(expected, found);
            }

            Assert.Equal(oracle.ContainsKey(key), table.ContainsKey(key));
            Assert.Equal(oracle.GetValueOrDefault(key), table.GetValueOrDefault(key));
            Assert.Equal(oracle.Count, table.Count);
            if (step % 997 == 0)
            {
                AssertHolds(oracle, table);
            }
        }

        AssertHolds(oracle, table);
    }

    [Fact]
    public void RemoveAll_ARunAcrossTheArraysEnd_RemovesEveryEntryAskedAndKeepsTheRest()
    {
        // Sixteen slots hold at most twelve keys: twelve keys that all start at the last slot wrap to the array's front.
        var table = new FlatTable<long>();
        var last = Enumerable.Range(1, 1_000_000).Select(i => (ulong)i).Where(k => FibonacciSlot.Of(k, 16) == 15).Take(12).ToArray();
        for (var i = 0; i < last.Length; i++)
        {
            table.Set(last[i], i);
        }

        var asked = new Dictionary<ulong, int>();
        table.RemoveAll(asked, static (key, value, asked) =>
        {
            asked[key] = asked.GetValueOrDefault(key) + 1;
            return value % 3 == 0;
        });

        Assert.Equal(last.Where((_, i) => i % 3 != 0).Order(), Listed(table).Select(entry => entry.Key).Order());
        Assert.True(last.All(asked.ContainsKey), "every entry was asked about");
        Assert.All(last.Where((_, i) => i % 3 != 0), key => Assert.Equal(key, FindKey(table, key)));
    }

    [Fact]
    public void Add_AKeyHeldAlready_IsRefusedAndLeavesItsValue()
    {
        var table = new FlatTable<int>();
        table.Add(0, 1);
        table.Add(7, 2);

        Assert.Throws<ArgumentException>(() => table.Add(7, 3));
        Assert.Throws<ArgumentException>(() => table.Add(0, 4));
        Assert.Equal((1, 2, 2), (table.GetValueOrDefault(0), table.GetValueOrDefault(7), table.Count));
    }

    [Fact]
    public void SortedByKey_IsTheEntriesInKeyOrder_WhateverOrderTheyWereAddedIn()
    {
        var keys = new ulong[] { 5, 0, ulong.MaxValue, 17, 3 };
        var forward = new FlatTable<int>();
        var backward = new FlatTable<int>();
        foreach (var key in keys)
        {
            forward.Set(key, (int)(key % 100));
        }

        foreach (var key in keys.Reverse())
        {
            backward.Set(key, (int)(key % 100));
        }

        var a = FlatTable<int>.SortedByKey(new ArraySegment<KeyValuePair<ulong, int>>([.. Listed(forward)])).ToArray();
        var b = FlatTable<int>.SortedByKey(new ArraySegment<KeyValuePair<ulong, int>>([.. Listed(backward)])).ToArray();
        Assert.Equal(keys.Order(), a.Select(entry => entry.Key));
        Assert.Equal(a, b);
    }

    // Half the keys are any bits; the other half start at one of a few slots of a large table, so runs grow long.
    private static ulong Key(Random random, int i)
    {
        if (i % 2 == 0)
        {
            return (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
        }

        ulong key;
        do
        {
            key = (ulong)random.NextInt64();
        }
        while (FibonacciSlot.Of(key, 1 << 20) % 64 != 0 || FibonacciSlot.Of(key, 1 << 20) >> 14 != 0);

        return key;
    }

    private static ulong FindKey(FlatTable<long> table, ulong key) => Unsafe.IsNullRef(ref table.Find(key)) ? 0 : key;

    private static List<KeyValuePair<ulong, T>> Listed<T>(FlatTable<T> table)
        where T : struct
    {
        var listed = new List<KeyValuePair<ulong, T>>();
        foreach (var entry in table)
        {
            listed.Add(entry);
        }

        return listed;
    }

    private static void AssertHolds(Dictionary<ulong, long> oracle, FlatTable<long> table)
    {
        var listed = Listed(table);
        Assert.Equal(oracle.OrderBy(entry => entry.Key), listed.OrderBy(entry => entry.Key));
        Assert.Equal(listed.Count, listed.Select(entry => entry.Key).Distinct().Count());
    }
}
