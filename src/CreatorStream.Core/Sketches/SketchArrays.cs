using System.Numerics;

namespace CreatorStream.Core.Sketches;

/// <summary>
/// The arrays of sketches that come and go, kept for the next ones: the exact tier's slot tables by length, and the
/// registers. A window tracker's minutes each hold a sketch per key for an hour and then go, and each new minute's
/// sketches grew theirs anew (about a tenth of what a long run allocated, docs/benchmarks.md, session 47). Arrays come
/// back cleared and of the length asked for, so a sketch is the same whichever array it was lent. At most
/// <c>maxBytesKept</c> wait; the collector takes the rest. Mutable; not thread-safe: one per owner (a brand task's
/// window tracker, the memory store's minute buckets under its lock).
/// </summary>
/// <param name="maxBytesKept">The most bytes of arrays kept waiting for a sketch.</param>
public sealed class SketchArrays(long maxBytesKept = SketchArrays.MaxBytesKept)
{
    /// <summary>The most bytes of arrays kept waiting for a sketch, unless the owner says otherwise.</summary>
    public const long MaxBytesKept = 4L << 20;

    private const int LargestSlots = 2_048; // the exact tier's largest table: 1,024 hashes, at most 3/4 full

    private readonly Stack<ulong[]>[] _slots = [.. Enumerable.Range(0, BitOperations.Log2(LargestSlots) + 1).Select(_ => new Stack<ulong[]>())];
    private readonly Stack<byte[]> _registers = new();
    private long _bytesKept;

    /// <summary>Arrays lent again after they were given back: for tests.</summary>
    public long Reused { get; private set; }

    /// <summary>Registers lent again after they were given back (only a sketch its owner let go gives them back): for tests.</summary>
    public long RegistersReused { get; private set; }

    /// <summary>Bytes of arrays waiting: for tests.</summary>
    public long BytesKept => _bytesKept;

    /// <summary>A cleared slot table of <paramref name="length"/> (a power of two).</summary>
    public ulong[] RentSlots(int length)
    {
        if (BitOperations.IsPow2(length) && length <= LargestSlots && _slots[BitOperations.Log2((uint)length)].TryPop(out var slots))
        {
            _bytesKept -= slots.Length * sizeof(ulong);
            Reused++;
            return slots;
        }

        return new ulong[length];
    }

    /// <summary>Cleared registers (<see cref="HyperLogLog.RegisterCount"/> of them).</summary>
    public byte[] RentRegisters()
    {
        if (_registers.TryPop(out var registers))
        {
            _bytesKept -= registers.Length;
            Reused++;
            RegistersReused++;
            return registers;
        }

        return new byte[HyperLogLog.RegisterCount];
    }

    /// <summary>Takes back a slot table no sketch holds any more.</summary>
    public void GiveBack(ulong[] slots)
    {
        if (!BitOperations.IsPow2(slots.Length) || slots.Length > LargestSlots || _bytesKept + (slots.Length * sizeof(ulong)) > maxBytesKept)
        {
            return;
        }

        Array.Clear(slots);
        _slots[BitOperations.Log2((uint)slots.Length)].Push(slots);
        _bytesKept += slots.Length * sizeof(ulong);
    }

    /// <summary>Takes back registers no sketch holds any more.</summary>
    public void GiveBack(byte[] registers)
    {
        if (registers.Length != HyperLogLog.RegisterCount || _bytesKept + registers.Length > maxBytesKept)
        {
            return;
        }

        Array.Clear(registers);
        _registers.Push(registers);
        _bytesKept += registers.Length;
    }
}
