using System.Text.Json.Serialization;

namespace CreatorStream.Host.Bench;

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

    [JsonPropertyName("peak_rss_mb")]
    public double PeakRssMb { get; init; }

    [JsonPropertyName("gc")]
    public string Gc { get; init; } = System.Runtime.GCSettings.IsServerGC ? "server" : "workstation";

    [JsonPropertyName("machine")]
    public string Machine { get; init; } = new BenchFigures().Machine;
}
