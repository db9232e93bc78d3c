using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace CreatorStream.Core.Sketches;

/// <summary>
/// A hint to the processor to start loading a cache line that a lookup will read soon (docs/design.md, "Per-event
/// cost"): a brand task names the slots the next records' lookups will probe while it handles the one before, so their
/// misses into tables of millions of entries overlap instead of queueing one after another. Only a hint: it never faults,
/// changes no value, and is nothing on a processor without the instruction. The address is taken from a reference into a
/// managed array or object, which the collector may move a moment later; the hint then loads a line nobody reads, which
/// is harmless.
/// </summary>
internal static class CacheLine
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch<T>(ref T at)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref at));
        }
    }
}
