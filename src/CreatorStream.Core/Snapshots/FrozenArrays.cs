using System.Buffers;
using System.Runtime.CompilerServices;

namespace CreatorStream.Core.Snapshots;

/// <summary>
/// The arrays a snapshot's frozen parts copy into, kept by the process and lent again to the next capture
/// (docs/design.md, "Recovery"). A busy brand's copies are tens of megabytes of large objects made inside its batch;
/// made new each time, they ran the large-object budget down, and the collection that followed (a blocking one, more
/// than once) fell inside that batch (docs/benchmarks.md, session 65). A pool of its own, not the shared one: it keeps
/// at most <see cref="ArraysPerSize"/> arrays of each power-of-two size and never trims them on a timer, so an array
/// lent every snapshot interval is still there at the next one. Arrays of more than <see cref="MaxPooledLength"/> items
/// are made new, of the length asked, and left to the collector after: kept, a million users' copies (hundreds of
/// megabytes, rounded up to a power of two) would stay in the worker between snapshots. An array comes back cleared when
/// <typeparamref name="T"/> holds references, so a pooled array keeps nothing alive.
/// </summary>
internal static class FrozenArrays<T>
{
    /// <summary>Arrays of one size kept: captures finish one at a time per task, and a few tasks' overlap.</summary>
    public const int ArraysPerSize = 4;

    /// <summary>The longest array kept for the next capture.</summary>
    public const int MaxPooledLength = 1 << 20;

    private static readonly ArrayPool<T> Pool = ArrayPool<T>.Create(MaxPooledLength, ArraysPerSize);

    /// <summary>An array of at least <paramref name="length"/> items (its tail unspecified), and the lease that gives it back.</summary>
    public static (T[] Array, IDisposable Lease) Rent(int length)
    {
        var array = Pool.Rent(length);
        return (array, new Lease(array));
    }

    private sealed class Lease(T[] array) : IDisposable
    {
        private T[]? _array = array;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _array, null) is { } array)
            {
                Pool.Return(array, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            }
        }
    }
}
