using System.Text.Json.Serialization;

namespace CreatorStream.Bench;

/// <summary>
/// The process's memory after a full collection (<see cref="HeapMeter"/>): live managed objects, the GC heap with its
/// free space, the free space alone, the memory the collector holds committed (the heap, its free regions kept for
/// later allocation, and its bookkeeping), and the resident set. Bytes. Immutable.
/// </summary>
public readonly record struct HeapSize(
    [property: JsonPropertyName("live_bytes")] long LiveBytes,
    [property: JsonPropertyName("heap_bytes")] long HeapBytes,
    [property: JsonPropertyName("fragmented_bytes")] long FragmentedBytes,
    [property: JsonPropertyName("committed_bytes")] long CommittedBytes,
    [property: JsonPropertyName("rss_bytes")] long RssBytes)
{
    public static HeapSize operator -(HeapSize a, HeapSize b) =>
        new(a.LiveBytes - b.LiveBytes, a.HeapBytes - b.HeapBytes, a.FragmentedBytes - b.FragmentedBytes, a.CommittedBytes - b.CommittedBytes, a.RssBytes - b.RssBytes);
}
