using System.Globalization;
using System.Text.Json.Serialization;

namespace CreatorStream.Bench;

/// <summary>
/// The process after <see cref="Hours"/> of event time in a <see cref="SoakBench"/>: records generated and committed so
/// far, the heap after a full compacting collection (<see cref="HeapMeter"/>), the wall-clock seconds, and the bytes the
/// pipeline allocated so far (the process's, also given, less the generator's thread's). Immutable.
/// </summary>
public sealed record SoakSample(
    [property: JsonPropertyName("hours")] double Hours,
    [property: JsonPropertyName("records_generated")] long RecordsGenerated,
    [property: JsonPropertyName("records_committed")] long RecordsCommitted,
    [property: JsonPropertyName("heap")] HeapSize Heap,
    [property: JsonPropertyName("seconds")] double Seconds,
    [property: JsonPropertyName("pipeline_allocated_bytes")] long PipelineAllocatedBytes = 0,
    [property: JsonPropertyName("process_allocated_bytes")] long ProcessAllocatedBytes = 0)
{
    public const string CsvHeader = "hours,records_generated,records_committed,live_mb,heap_mb,rss_mb,seconds,pipeline_allocated_mb";

    public string ToCsv() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Hours:F2},{RecordsGenerated},{RecordsCommitted},{Mb(Heap.LiveBytes):F1},{Mb(Heap.HeapBytes):F1},{Mb(Heap.RssBytes):F1},{Seconds:F1},{Mb(PipelineAllocatedBytes):F1}");

    private static double Mb(long bytes) => bytes / (1024.0 * 1024.0);
}
