using System.Text.Json.Serialization;

namespace CreatorStream.Bench;

/// <summary>
/// The result of a <see cref="SoakBench"/>: the heap curve, hour by hour of event time, and how it moved after the longest
/// horizon (the least-squares slope of the live heap over the samples past it: near zero when the state has levelled
/// off). Immutable.
/// </summary>
public sealed record SoakFigures
{
    [JsonPropertyName("mode")]
    public string Mode { get; init; } = "soak";

    [JsonPropertyName("hours")]
    public double Hours { get; init; }

    [JsonPropertyName("events_per_second")]
    public double EventsPerSecond { get; init; }

    [JsonPropertyName("users_per_campaign")]
    public int UsersPerCampaign { get; init; }

    [JsonPropertyName("records")]
    public long Records { get; init; }

    [JsonPropertyName("events_counted")]
    public long EventsCounted { get; init; }

    [JsonPropertyName("duplicates")]
    public long Duplicates { get; init; }

    [JsonPropertyName("duplicates_probable")]
    public long DuplicatesProbable { get; init; }

    [JsonPropertyName("seconds")]
    public double Seconds { get; init; }

    /// <summary>The longest horizon of the state in hours (of the dedup's, the store's minute buckets' and the lookback): the curve should be level after it.</summary>
    [JsonPropertyName("horizon_hours")]
    public double HorizonHours { get; init; }

    /// <summary>The campaigns' longest attribution lookback: journeys are kept that long, so with new users arriving the state grows until it passes.</summary>
    [JsonPropertyName("lookback_days")]
    public int LookbackDays { get; init; }

    [JsonPropertyName("samples")]
    public IReadOnlyList<SoakSample> Samples { get; init; } = [];

    /// <summary>MiB of live heap gained per hour of event time over the samples after the horizon; null with fewer than two.</summary>
    [JsonPropertyName("live_mb_per_hour_after_horizon")]
    public double? LiveMbPerHourAfterHorizon { get; init; }

    /// <summary>
    /// Bytes the pipeline allocated a record committed, from the first sample past the horizon to the last (issue 19's
    /// steady state); null without two such samples.
    /// </summary>
    [JsonPropertyName("pipeline_bytes_per_record_after_horizon")]
    public double? PipelineBytesPerRecordAfterHorizon { get; init; }

    [JsonPropertyName("peak_live_mb")]
    public double PeakLiveMb { get; init; }

    [JsonPropertyName("peak_rss_mb")]
    public double PeakRssMb { get; init; }

    [JsonPropertyName("gc")]
    public string Gc { get; init; } = MemoryFigures.DescribeGc();

    [JsonPropertyName("machine")]
    public string Machine { get; init; } = new BenchFigures().Machine;

    /// <summary>
    /// Bytes the pipeline allocated a record it committed between the first of <paramref name="samples"/> and the last;
    /// null with fewer than two, or no record committed between them.
    /// </summary>
    public static double? BytesPerRecord(IReadOnlyList<SoakSample> samples) =>
        samples.Count < 2 || samples[^1].RecordsCommitted == samples[0].RecordsCommitted
            ? null
            : (double)(samples[^1].PipelineAllocatedBytes - samples[0].PipelineAllocatedBytes) / (samples[^1].RecordsCommitted - samples[0].RecordsCommitted);

    /// <summary>The least-squares slope of live MiB against hours over <paramref name="samples"/>; null with fewer than two.</summary>
    public static double? Slope(IReadOnlyList<SoakSample> samples)
    {
        if (samples.Count < 2)
        {
            return null;
        }

        var meanX = samples.Average(s => s.Hours);
        var meanY = samples.Average(s => s.Heap.LiveBytes / (1024.0 * 1024.0));
        var covariance = samples.Sum(s => (s.Hours - meanX) * ((s.Heap.LiveBytes / (1024.0 * 1024.0)) - meanY));
        var variance = samples.Sum(s => (s.Hours - meanX) * (s.Hours - meanX));
        return variance == 0 ? null : covariance / variance;
    }
}
