using System.Globalization;
using System.Text.Json.Serialization;

namespace CreatorStream.Bench;

/// <summary>
/// What one memory bench measured (<c>bench --memory --json</c>). Sizes are bytes after a full compacting GC
/// (<see cref="HeapMeter"/>), each as the difference from the process before any state existed (<see cref="Baseline"/>):
/// the whole state, the processor's share (the state minus what is left once the processor is dropped), and each
/// per-user component fed the same events on its own. Immutable.
/// </summary>
public sealed record MemoryFigures
{
    [JsonPropertyName("mode")]
    public string Mode { get; init; } = "memory";

    [JsonPropertyName("users")]
    public int Users { get; init; }

    [JsonPropertyName("creators")]
    public int Creators { get; init; }

    [JsonPropertyName("campaigns")]
    public int Campaigns { get; init; }

    [JsonPropertyName("posts")]
    public int Posts { get; init; }

    [JsonPropertyName("span_minutes")]
    public double SpanMinutes { get; init; }

    [JsonPropertyName("records")]
    public long Records { get; init; }

    [JsonPropertyName("events_counted")]
    public long EventsCounted { get; init; }

    [JsonPropertyName("seconds")]
    public double Seconds { get; init; }

    [JsonPropertyName("baseline")]
    public HeapSize Baseline { get; init; }

    /// <summary>Processor and store together, above the baseline.</summary>
    [JsonPropertyName("state")]
    public HeapSize State { get; init; }

    /// <summary>The processor's state (dedup, watermarks, windows, classifier, journeys, chains, pending queue).</summary>
    [JsonPropertyName("processor")]
    public HeapSize Processor { get; init; }

    /// <summary>The memory store's state (aggregates to date and per minute, sketches, credits, alerts, flags).</summary>
    [JsonPropertyName("store")]
    public HeapSize Store { get; init; }

    /// <summary>Live bytes of each per-user component fed the same events alone, and the entries it held.</summary>
    [JsonPropertyName("components")]
    public IReadOnlyList<ComponentSize> Components { get; init; } = [];

    [JsonPropertyName("state_bytes_per_user")]
    public double StateBytesPerUser { get; init; }

    /// <summary>Peak resident memory with the state made, before the snapshot below.</summary>
    [JsonPropertyName("peak_rss_mb")]
    public double PeakRssMb { get; init; }

    /// <summary>The size of one snapshot of the state, as a worker's brand task commits it.</summary>
    [JsonPropertyName("snapshot_bytes")]
    public long SnapshotBytes { get; init; }

    /// <summary>How long that snapshot took to write (inside a batch, in a worker).</summary>
    [JsonPropertyName("snapshot_seconds")]
    public double SnapshotSeconds { get; init; }

    /// <summary>How long the commit took after the snapshot was written (0 without a store): its last parts, and the script.</summary>
    [JsonPropertyName("snapshot_commit_seconds")]
    public double SnapshotCommitSeconds { get; init; }

    /// <summary>What writing it allocated.</summary>
    [JsonPropertyName("snapshot_allocated_bytes")]
    public long SnapshotAllocatedBytes { get; init; }

    /// <summary>Where the snapshot went: "redis" (streamed to it as written, then committed) or "memory" (held whole).</summary>
    [JsonPropertyName("snapshot_store")]
    public string SnapshotStore { get; init; } = "memory";

    /// <summary>Peak resident memory once the snapshot was made: what a worker holding this state needs.</summary>
    [JsonPropertyName("peak_rss_with_snapshot_mb")]
    public double PeakRssWithSnapshotMb { get; init; }

    /// <summary>The collector and the settings that bound the heap (a hard limit, conserve memory), as the runtime reports them.</summary>
    [JsonPropertyName("gc")]
    public string Gc { get; init; } = DescribeGc();

    [JsonPropertyName("machine")]
    public string Machine { get; init; } = new BenchFigures().Machine;

    internal static string DescribeGc()
    {
        var settings = GC.GetConfigurationVariables();
        var parts = new List<string> { System.Runtime.GCSettings.IsServerGC ? "server" : "workstation" };
        if (settings.TryGetValue("GCHeapHardLimit", out var limit) && System.Convert.ToInt64(limit, CultureInfo.InvariantCulture) is > 0 and var bytes)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"heap limit {bytes / (1024 * 1024):N0} MiB"));
        }

        if (settings.TryGetValue("GCConserveMem", out var conserve) && System.Convert.ToInt64(conserve, CultureInfo.InvariantCulture) > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"conserve memory {conserve}"));
        }

        return string.Join(", ", parts);
    }
}
