using System.Runtime;

namespace CreatorStream.Bench;

/// <summary>
/// What the process holds once garbage is gone: a full, blocking, compacting collection (the large object heap
/// included), finalisers run, a second collection; then the managed heap and the resident set. Slow (a full GC of
/// the whole heap): for the memory bench only.
/// </summary>
public static class HeapMeter
{
    public static HeapSize Measure()
    {
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return new HeapSize(GC.GetTotalMemory(forceFullCollection: false), info.HeapSizeBytes, info.FragmentedBytes, info.TotalCommittedBytes, process.WorkingSet64);
    }
}
