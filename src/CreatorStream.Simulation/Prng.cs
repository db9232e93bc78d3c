using System.Numerics;

namespace CreatorStream.Simulation;

/// <summary>
/// The generator's source of randomness: xoshiro256** seeded through SplitMix64. Its own code rather than
/// <see cref="Random"/>, so the sequence for a seed cannot change with the runtime. Mutable; not thread-safe.
/// </summary>
internal sealed class Prng
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    /// <summary>A generator for one independent stream of a seed (the configuration and the traffic use different streams).</summary>
    public Prng(int seed, ulong stream)
    {
        var x = Mix((uint)seed ^ (stream * 0x9E37_79B9_7F4A_7C15UL));
        _s0 = Mix(x += 0x9E37_79B9_7F4A_7C15UL);
        _s1 = Mix(x += 0x9E37_79B9_7F4A_7C15UL);
        _s2 = Mix(x += 0x9E37_79B9_7F4A_7C15UL);
        _s3 = Mix(x + 0x9E37_79B9_7F4A_7C15UL);
    }

    /// <summary>SplitMix64's finaliser: a stateless, well-mixed hash, for values derived from an index (user attributes).</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => (int)(NextDouble() * maxExclusive);

    /// <summary>Uniform in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public double Uniform(double min, double max) => min + (NextDouble() * (max - min));

    public bool Chance(double probability) => NextDouble() < probability;

    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    /// <summary>Standard normal (Box–Muller).</summary>
    public double Normal() => Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble())) * Math.Cos(2.0 * Math.PI * NextDouble());

    /// <summary>Log-normal with the given median; <paramref name="sigma"/> is the spread of its logarithm.</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>An index drawn in proportion to <paramref name="weights"/>.</summary>
    public int PickWeighted(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        var target = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    /// <summary>A Fisher–Yates shuffle of a copy.</summary>
    public T[] Shuffle<T>(IEnumerable<T> items)
    {
        var array = items.ToArray();
        for (var i = array.Length - 1; i > 0; i--)
        {
            var j = Next(i + 1);
            (array[i], array[j]) = (array[j], array[i]);
        }

        return array;
    }
}
