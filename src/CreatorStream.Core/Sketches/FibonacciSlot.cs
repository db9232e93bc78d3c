using System.Numerics;

namespace CreatorStream.Core.Sketches;

/// <summary>
/// Where a key's probe starts in an open-addressing table of a power of two of slots: the top bits of its product with
/// 2^64 / φ (Fibonacci hashing), so keys that differ only in their low or their high bits still spread. Used by the
/// reach sketches' exact tier and the funnel's user index.
/// </summary>
internal static class FibonacciSlot
{
    /// <param name="key">A key of any bits (0 too).</param>
    /// <param name="slots">The table's size: a power of two, at least 2.</param>
    public static int Of(ulong key, int slots) =>
        (int)((key * 0x9E37_79B9_7F4A_7C15UL) >> (64 - BitOperations.Log2((uint)slots)));
}
