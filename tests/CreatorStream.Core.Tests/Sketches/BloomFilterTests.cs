using CreatorStream.Core.Sketches;
using CreatorStream.Core.Snapshots;

namespace CreatorStream.Core.Tests.Sketches;

/// <summary>
/// The filter behind bounded deduplication (decision 0014): never a false "absent", and a false "present" rate within
/// the bound it was sized for, measured on keys held out from those added (a binomial count, so the bound allows for
/// chance: at 1 in 10,000 over 2 million lookups, 200 expected, failing above 300 is over seven standard deviations).
/// </summary>
public sealed class BloomFilterTests
{
    [Theory]
    [InlineData(100_000, 1e-2)]
    [InlineData(200_000, 1e-3)]
    [InlineData(300_000, 1e-4)]
    public void SizedForItsKeys_NeverMissesOne_AndErrsWithinItsRate(int keys, double rate)
    {
        var filter = BloomFilter.For(keys, rate);
        var random = new Random(7);
        var added = Enumerable.Range(0, keys).Select(_ => ((ulong)random.NextInt64(), (ulong)random.NextInt64())).ToList();
        foreach (var (high, low) in added)
        {
            filter.Add(high, low);
        }

        Assert.All(added, key => Assert.True(filter.MayContain(key.Item1, key.Item2)));
        const int Lookups = 2_000_000;
        var wrong = 0;
        var others = new Random(8); // held out: never added (a collision with 300,000 random 128-bit keys is impossible in practice)
        for (var i = 0; i < Lookups; i++)
        {
            wrong += filter.MayContain((ulong)others.NextInt64(), (ulong)others.NextInt64()) ? 1 : 0;
        }

        var expected = Lookups * rate;
        Assert.InRange(wrong, 0, expected + (7 * Math.Sqrt(expected)) + 1);
    }

    [Fact]
    public void Keys_ThatDifferInOneHalf_AreKeptApart()
    {
        // Packed short ids differ only in their low half ("ev-1" vs "ev-2"): both halves must reach every position.
        var filter = BloomFilter.For(50_000, 1e-3);
        for (ulong i = 0; i < 50_000; i++)
        {
            filter.Add(0x65762D0000000000, i);
        }

        var wrong = 0;
        for (ulong i = 50_000; i < 1_050_000; i++)
        {
            wrong += filter.MayContain(0x65762D0000000000, i) ? 1 : 0;
            wrong += filter.MayContain(i, 0) ? 1 : 0;
        }

        Assert.InRange(wrong, 0, 2_000_000 * 1e-3 * 1.5);
    }

    [Fact]
    public void Size_IsWhatTheRateNeeds()
    {
        var filter = BloomFilter.For(1_000_000, 1e-4);

        // 19.17 bits and 13 hashes a key: 2.4 bytes an id (decision 0014's figure).
        Assert.InRange(filter.Bits / 1_000_000.0, 19.17, 19.24);
        Assert.Equal(13, filter.Hashes);
        Assert.Throws<ArgumentOutOfRangeException>(() => BloomFilter.For(10, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BloomFilter.For(-1, 0.01));
    }

    [Fact]
    public void Saved_ReadsBackTheSameAnswers()
    {
        var filter = BloomFilter.For(1_000, 1e-2);
        for (ulong i = 0; i < 1_000; i++)
        {
            filter.Add(i * 31, i);
        }

        var writer = new SnapshotWriter();
        filter.Save(writer);
        var copy = BloomFilter.Load(new SnapshotReader(writer.ToArray()));

        Assert.Equal((filter.Bits, filter.Hashes), (copy.Bits, copy.Hashes));
        for (ulong i = 0; i < 20_000; i++)
        {
            Assert.Equal(filter.MayContain(i * 31, i), copy.MayContain(i * 31, i));
        }
    }

    [Fact]
    public void OnASparesArray_IsTheFilterMadeNew_BitForBit()
    {
        // A dropped filter's array serves a later one: sized as ever, cleared, and saved as a new one is.
        var old = BloomFilter.For(1_200, 1e-4);
        for (ulong i = 0; i < 1_200; i++)
        {
            old.Add(i, ~i); // bits the next filter must not see
        }

        var fresh = BloomFilter.For(1_100, 1e-4);
        var lent = BloomFilter.For(1_100, 1e-4, old.Words);
        Assert.Same(old.Words, lent.Words);
        Assert.True(lent.Words.Length > lent.Bits / 64);
        for (ulong i = 0; i < 1_100; i++)
        {
            fresh.Add(i * 7, i + 3);
            lent.Add(i * 7, i + 3);
        }

        Assert.Equal((fresh.Bits, fresh.Hashes), (lent.Bits, lent.Hashes));
        for (ulong i = 0; i < 50_000; i++)
        {
            Assert.Equal(fresh.MayContain(i * 7, i + 3), lent.MayContain(i * 7, i + 3));
            Assert.Equal(fresh.MayContain(i, ~i), lent.MayContain(i, ~i));
        }

        Assert.Equal(Saved(fresh), Saved(lent));

        // Too small, or more than a quarter too big: not used.
        Assert.NotSame(old.Words, BloomFilter.For(1_300, 1e-4, old.Words).Words);
        Assert.NotSame(old.Words, BloomFilter.For(900, 1e-4, old.Words).Words);
    }

    private static byte[] Saved(BloomFilter filter)
    {
        var writer = new SnapshotWriter();
        filter.Save(writer);
        return writer.ToArray();
    }
}
