namespace CreatorStream.Core.Sketches;

/// <summary>
/// A Bloom filter over 128-bit keys (an <c>event_id</c>'s bits, decision 0014), sized when it is made for the number of
/// keys it will hold at a chosen false-positive rate: never a false "absent"; a false "present" with about that
/// probability while it holds no more keys than it was sized for. Bits are set by double hashing of the key's two
/// halves, each run through MurmurHash3's finalizer. Mutable; not thread-safe.
/// </summary>
public sealed class BloomFilter
{
    private readonly ulong[] _words; // the filter is its first _length words: the array may be longer (one lent again)
    private readonly long _length;

    private BloomFilter(ulong[] words, long length, int hashes)
    {
        _words = words;
        _length = length;
        Hashes = hashes;
    }

    /// <summary>Bits in the filter (a multiple of 64).</summary>
    public long Bits => _length * 64;

    /// <summary>The array the filter's bits are in, for an owner to lend to a later filter once this one is dropped (<see cref="For(long, double, ulong[])"/>).</summary>
    public ulong[] Words => _words;

    /// <summary>Bits set per key.</summary>
    public int Hashes { get; }

    /// <summary>
    /// A filter for <paramref name="keys"/> keys at <paramref name="falsePositiveRate"/>: m = −n ln p / (ln 2)² bits and
    /// k = (m / n) ln 2 hashes, the sizes that minimise the rate for n keys (at 1 in 10,000: 19.2 bits and 13 hashes a key).
    /// </summary>
    public static BloomFilter For(long keys, double falsePositiveRate) => For(keys, falsePositiveRate, spare: null);

    /// <summary>
    /// As <see cref="For(long, double)"/>, its bits in <paramref name="spare"/> (cleared) when that has room for them and
    /// no more than a quarter over: a dropped filter's array, lent again. The filter is sized exactly as without it.
    /// </summary>
    public static BloomFilter For(long keys, double falsePositiveRate, ulong[]? spare)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keys);
        if (falsePositiveRate is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(falsePositiveRate), falsePositiveRate, "must be between 0 and 1");
        }

        var n = Math.Max(keys, 1);
        var bits = Math.Ceiling(-n * Math.Log(falsePositiveRate) / (Math.Log(2) * Math.Log(2)));
        var words = (long)Math.Ceiling(bits / 64);
        var hashes = (int)Math.Clamp(Math.Round(words * 64.0 / n * Math.Log(2)), 1, 30);
        if (spare is not null && spare.LongLength >= words && spare.LongLength <= words + (words / 4))
        {
            Array.Clear(spare, 0, (int)words);
            return new BloomFilter(spare, words, hashes);
        }

        return new BloomFilter(new ulong[words], words, hashes);
    }

    public void Add(ulong high, ulong low)
    {
        var (h1, h2) = Positions(high, low);
        var bits = (ulong)Bits;
        for (var i = 0; i < Hashes; i++)
        {
            var bit = (h1 + ((ulong)i * h2)) % bits;
            _words[bit >> 6] |= 1UL << (int)(bit & 63);
        }
    }

    /// <summary>False when the key was certainly never added; true when it probably was.</summary>
    public bool MayContain(ulong high, ulong low)
    {
        var (h1, h2) = Positions(high, low);
        var bits = (ulong)Bits;
        for (var i = 0; i < Hashes; i++)
        {
            var bit = (h1 + ((ulong)i * h2)) % bits;
            if ((_words[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(Hashes);
        writer.Write(_length);
        for (var i = 0L; i < _length; i++)
        {
            writer.Write(_words[i]);
        }
    }

    public static BloomFilter Load(Snapshots.SnapshotReader reader)
    {
        var hashes = reader.Int();
        var words = new ulong[reader.Long()];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = reader.ULong();
        }

        return new BloomFilter(words, words.LongLength, hashes);
    }

    // Two independent-looking hashes of the key (Kirsch and Mitzenmacher: k positions from two hashes lose nothing
    // measurable); the step is odd so it is never zero.
    private static (ulong H1, ulong H2) Positions(ulong high, ulong low) =>
        (UserHash.Mix(high ^ UserHash.Mix(low)), UserHash.Mix(low ^ 0x9e3779b97f4a7c15 ^ UserHash.Mix(high + 0x632be59bd9b4e019)) | 1);
}
