using System.Numerics;

namespace CreatorStream.Core.Sketches;

/// <summary>
/// A mergeable distinct counter over 64-bit hashes (<see cref="UserHash"/>). Mutable; not thread-safe.
/// <para>
/// Small sets are kept exactly (a set of hashes, up to <see cref="SparseLimit"/>), so reach below 1,000
/// users is exact. Past that it switches to 2^14 one-byte registers (16 KiB, standard error 1.04/√m ≈ 0.81%)
/// estimated with Ertl's improved raw estimator ("New cardinality estimation algorithms for HyperLogLog
/// sketches", 2017), which is unbiased across the whole range without HLL++'s empirical bias tables.
/// Merging is a register-wise maximum, so sketches from buckets, platforms and workers combine losslessly.
/// </para>
/// </summary>
public sealed class HyperLogLog
{
    /// <summary>Register index bits. 14 gives 16,384 registers, the precision Redis uses too.</summary>
    public const int Precision = 14;

    /// <summary>How many distinct hashes are kept exactly before switching to registers.</summary>
    public const int SparseLimit = 1024;

    private const int RankBits = 64 - Precision;
    private static readonly double AlphaInfinity = 1 / (2 * Math.Log(2));

    // The exact tier, while _registers is null: an open-addressing table of hashes (linear probing from a Fibonacci hash
    // of the hash, a power of two of slots, at most three quarters full) with 0 marking an empty slot; a hash of 0 is
    // held as a flag. A sketch with one user holds 32 bytes of slots where a HashSet<ulong> held about 180 bytes.
    private ulong[]? _slots;
    private int _exactCount;
    private bool _holdsZero;
    private byte[]? _registers;

    private const int MinSlots = 4;

    // Where this sketch's arrays come from and go back to, when its owner lends them (a window tracker's minutes); null: new ones.
    private readonly SketchArrays? _arrays;

    public HyperLogLog()
    {
    }

    /// <summary>A sketch whose arrays are lent by <paramref name="arrays"/> (see <see cref="GiveBack"/>).</summary>
    internal HyperLogLog(SketchArrays? arrays)
    {
        _arrays = arrays;
    }

    public bool IsExact => _registers is null;

    /// <summary>Whether the sketch's arrays are lent (so <see cref="GiveBack"/> empties it).</summary>
    internal bool IsLent => _arrays is not null;

    /// <summary>Adds one hashed element; returns whether the sketch changed.</summary>
    public bool Add(ulong hash)
    {
        if (_registers is { } registers)
        {
            return AddToRegisters(registers, hash);
        }

        if (!AddExactly(hash))
        {
            return false;
        }

        if (_exactCount > SparseLimit)
        {
            Densify();
        }

        return true;
    }

    private bool AddExactly(ulong hash)
    {
        if (hash == 0)
        {
            if (_holdsZero)
            {
                return false;
            }

            _holdsZero = true;
            _exactCount++;
            return true;
        }

        var slots = _slots ??= _arrays?.RentSlots(MinSlots) ?? new ulong[MinSlots];
        var at = Find(slots, hash);
        if (slots[at] == hash)
        {
            return false;
        }

        var used = _exactCount - (_holdsZero ? 1 : 0) + 1;
        if (used * 4 > slots.Length * 3)
        {
            slots = Grow(slots);
            at = Find(slots, hash);
        }

        slots[at] = hash;
        _exactCount++;
        return true;
    }

    /// <summary>The slot holding <paramref name="hash"/> (not 0), or the empty slot its probe reaches first.</summary>
    private static int Find(ulong[] slots, ulong hash)
    {
        var mask = slots.Length - 1;
        var at = FibonacciSlot.Of(hash, slots.Length);
        while (slots[at] != hash && slots[at] != 0)
        {
            at = (at + 1) & mask;
        }

        return at;
    }

    private ulong[] Grow(ulong[] slots)
    {
        var grown = _arrays?.RentSlots(slots.Length * 2) ?? new ulong[slots.Length * 2];
        foreach (var hash in slots)
        {
            if (hash != 0)
            {
                grown[Find(grown, hash)] = hash;
            }
        }

        _arrays?.GiveBack(slots);
        return _slots = grown;
    }

    /// <summary>
    /// Gives this sketch's arrays back to the owner that lent them, leaving the sketch empty: for an owner done with the
    /// sketch (nothing may read it after). Does nothing for a sketch with no lender.
    /// </summary>
    internal void GiveBack()
    {
        if (_arrays is null)
        {
            return;
        }

        if (_slots is { } slots)
        {
            _arrays.GiveBack(slots);
        }

        if (_registers is { } registers)
        {
            _arrays.GiveBack(registers);
        }

        (_slots, _registers, _exactCount, _holdsZero) = (null, null, 0, false);
    }

    /// <summary>Adds every element of <paramref name="other"/> to this sketch.</summary>
    public void Merge(HyperLogLog other)
    {
        if (other._registers is null)
        {
            if (other._holdsZero)
            {
                Add(0);
            }

            foreach (var hash in other._slots ?? [])
            {
                if (hash != 0)
                {
                    Add(hash);
                }
            }

            return;
        }

        if (_registers is null)
        {
            Densify();
        }

        var mine = _registers!;
        var theirs = other._registers!;
        for (var i = 0; i < RegisterCount; i++)
        {
            mine[i] = Math.Max(mine[i], theirs[i]);
        }
    }

    /// <summary>The estimated number of distinct elements (exact while <see cref="IsExact"/>).</summary>
    public long Count() => _registers is { } registers ? (long)Math.Round(Estimate(registers)) : _exactCount;

    /// <summary>
    /// The exactly-kept hashes in ascending order while <see cref="IsExact"/>, else null: one order for one set, however
    /// it was built, so a snapshot of the same users is the same bytes. A new array each call.
    /// </summary>
    public ulong[]? SortedExactHashes()
    {
        if (_registers is not null)
        {
            return null;
        }

        // A held 0 is the smallest: it takes slot 0 of the sorted array, which new ulong[] already holds.
        var hashes = new ulong[_exactCount];
        var next = _holdsZero ? 1 : 0;
        foreach (var hash in _slots ?? [])
        {
            if (hash != 0)
            {
                hashes[next++] = hash;
            }
        }

        Array.Sort(hashes);
        return hashes;
    }

    /// <summary>Whether the sketch holds <paramref name="hash"/>; only while <see cref="IsExact"/>.</summary>
    /// <exception cref="InvalidOperationException">The sketch keeps registers.</exception>
    public bool ContainsExactly(ulong hash)
    {
        if (_registers is not null)
        {
            throw new InvalidOperationException("a sketch that keeps registers cannot say which hashes it holds");
        }

        if (hash == 0)
        {
            return _holdsZero;
        }

        return _slots is { } slots && slots[Find(slots, hash)] == hash;
    }

    /// <summary>The registers once the sketch is no longer exact, else null. Do not modify.</summary>
    public ReadOnlySpan<byte> Registers => _registers;

    /// <summary>
    /// Where a hash lands once the sketch keeps registers: its register and the rank it would set there. Stores that
    /// keep registers themselves (Redis) use this so their sketches and this class agree bit for bit.
    /// </summary>
    public static (int Index, byte Rank) Position(ulong hash) =>
        ((int)(hash >> RankBits), (byte)(Math.Min(BitOperations.LeadingZeroCount(hash << Precision), RankBits) + 1));

    /// <summary>Rebuilds an exact sketch from its hashes (more than <see cref="SparseLimit"/> switches it to registers).</summary>
    public static HyperLogLog FromHashes(IEnumerable<ulong> hashes)
    {
        var sketch = new HyperLogLog();
        foreach (var hash in hashes)
        {
            sketch.Add(hash);
        }

        return sketch;
    }

    /// <summary>Rebuilds a register sketch from a copy of its <see cref="RegisterCount"/> registers.</summary>
    /// <exception cref="ArgumentException">The span is not 2^<see cref="Precision"/> bytes long.</exception>
    public static HyperLogLog FromRegisters(ReadOnlySpan<byte> registers)
    {
        if (registers.Length != RegisterCount)
        {
            throw new ArgumentException($"a sketch has {RegisterCount} registers, not {registers.Length}", nameof(registers));
        }

        return new HyperLogLog { _registers = registers.ToArray() };
    }

    /// <summary>Number of registers of a sketch that is no longer exact.</summary>
    public const int RegisterCount = 1 << Precision;

    /// <summary>A copy that shares no state with this sketch.</summary>
    public HyperLogLog Clone() => new()
    {
        _slots = (ulong[]?)_slots?.Clone(),
        _exactCount = _exactCount,
        _holdsZero = _holdsZero,
        _registers = (byte[]?)_registers?.Clone(),
    };

    private void Densify()
    {
        var registers = _arrays?.RentRegisters() ?? new byte[RegisterCount];
        if (_holdsZero)
        {
            AddToRegisters(registers, 0);
        }

        foreach (var hash in _slots ?? [])
        {
            if (hash != 0)
            {
                AddToRegisters(registers, hash);
            }
        }

        if (_slots is { } slots)
        {
            _arrays?.GiveBack(slots);
        }

        _registers = registers;
        (_slots, _exactCount, _holdsZero) = (null, 0, false);
    }

    private static bool AddToRegisters(byte[] registers, ulong hash)
    {
        var (index, rank) = Position(hash);
        if (rank <= registers[index])
        {
            return false;
        }

        registers[index] = rank;
        return true;
    }

    private static double Estimate(byte[] registers)
    {
        Span<int> histogram = stackalloc int[RankBits + 2];
        foreach (var register in registers)
        {
            histogram[register]++;
        }

        if (histogram[0] == RegisterCount)
        {
            return 0;
        }

        const double m = RegisterCount;
        var z = m * Tau(1 - (histogram[RankBits + 1] / m));
        for (var k = RankBits; k >= 1; k--)
        {
            z = 0.5 * (z + histogram[k]);
        }

        z += m * Sigma(histogram[0] / m);
        return AlphaInfinity * m * m / z;
    }

    private static double Sigma(double x)
    {
        if (x == 1)
        {
            return double.PositiveInfinity;
        }

        double y = 1, z = x, previous;
        do
        {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        }
        while (z != previous);
        return z;
    }

    private static double Tau(double x)
    {
        if (x is 0 or 1)
        {
            return 0;
        }

        double y = 1, z = 1 - x, previous;
        do
        {
            x = Math.Sqrt(x);
            previous = z;
            y *= 0.5;
            z -= Math.Pow(1 - x, 2) * y;
        }
        while (z != previous);
        return z / 3;
    }
}
