using System.Text.Json.Serialization;

namespace CreatorStream.Bench;

/// <summary>What <c>bench --recovery</c> measured. Immutable.</summary>
public sealed record RecoveryFigures
{
    [JsonPropertyName("records")]
    public long Records { get; init; }

    /// <summary>From the first record produced to every record committed by both stages.</summary>
    [JsonPropertyName("processing_seconds")]
    public double ProcessingSeconds { get; init; }

    [JsonPropertyName("victim_brand_partitions")]
    public int VictimBrandPartitions { get; init; }

    [JsonPropertyName("recovered_brand_partitions")]
    public int RecoveredBrandPartitions { get; init; }

    /// <summary>From the SIGKILL to the survivor's first commit of the last of the victim's brand partitions.</summary>
    [JsonPropertyName("recovery_seconds_max")]
    public double? RecoverySecondsMax { get; init; }

    /// <summary>The same, for the first of them.</summary>
    [JsonPropertyName("recovery_seconds_min")]
    public double? RecoverySecondsMin { get; init; }

    /// <summary>Most records one restore re-read after its snapshot.</summary>
    [JsonPropertyName("restored_records_max")]
    public long RestoredRecordsMax { get; init; }

    [JsonPropertyName("restores")]
    public int Restores { get; init; }

    [JsonPropertyName("snapshot_interval_seconds")]
    public double SnapshotIntervalSeconds { get; init; }

    [JsonPropertyName("machine")]
    public string Machine { get; init; } = new BenchFigures().Machine;
}
