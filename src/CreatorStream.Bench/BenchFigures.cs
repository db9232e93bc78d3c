using System.Text.Json.Serialization;

namespace CreatorStream.Bench;

/// <summary>
/// What one bench run measured, as written by <c>--json</c> (the keys of issue 8, then more). A figure that does not
/// apply to the mode (hub latency in replay, say) is null. "Events" are records: counted, duplicate and dead-lettered
/// alike, since each costs the pipeline a decode. Immutable.
/// </summary>
public sealed record BenchFigures
{
    [JsonPropertyName("events_per_second")]
    public double EventsPerSecond { get; init; }

    [JsonPropertyName("raw_ceiling_events_per_second")]
    public double? RawCeilingEventsPerSecond { get; init; }

    [JsonPropertyName("ratio_to_ceiling")]
    public double? RatioToCeiling { get; init; }

    [JsonPropertyName("latency_ms_p50")]
    public double? LatencyMsP50 { get; init; }

    [JsonPropertyName("latency_ms_p99")]
    public double? LatencyMsP99 { get; init; }

    [JsonPropertyName("hub_latency_ms_p99")]
    public double? HubLatencyMsP99 { get; init; }

    [JsonPropertyName("peak_rss_mb")]
    public double PeakRssMb { get; init; }

    [JsonPropertyName("bytes_allocated_per_event")]
    public double BytesAllocatedPerEvent { get; init; }

    /// <summary><c>live</c> (generator → Kafka → pipeline → store → hub) or <c>replay</c> (a file, no Kafka).</summary>
    [JsonPropertyName("mode")]
    public string Mode { get; init; } = "";

    [JsonPropertyName("latency_ms_p999")]
    public double? LatencyMsP999 { get; init; }

    /// <summary>
    /// p99 to the store over records produced after the first <see cref="LiveBench.WarmUp"/>: the goals speak of
    /// a steady rate, and the first seconds carry the JIT and the consumer group's join (docs/benchmarks.md).
    /// </summary>
    [JsonPropertyName("latency_ms_p99_steady")]
    public double? LatencyMsP99Steady { get; init; }

    /// <summary>p99 to a hub client over records produced after the first <see cref="LiveBench.WarmUp"/>.</summary>
    [JsonPropertyName("hub_latency_ms_p99_steady")]
    public double? HubLatencyMsP99Steady { get; init; }

    /// <summary>
    /// p50 and p99 from a record's creation to its delivery report (it is in the ingest log): the producer's part of the
    /// latency to the store (docs/benchmarks.md, "Session 61").
    /// </summary>
    [JsonPropertyName("log_latency_ms_p50")]
    public double? LogLatencyMsP50 { get; init; }

    [JsonPropertyName("log_latency_ms_p99")]
    public double? LogLatencyMsP99 { get; init; }

    /// <summary>The longest from a record's creation to its delivery report: with <see cref="SourceLatencyMsMax"/>, where a lone slow record of <see cref="LatencyMsMax"/> waited.</summary>
    [JsonPropertyName("log_latency_ms_max")]
    public double? LogLatencyMsMax { get; init; }

    /// <summary>p50 and p99 from a record's creation to its source task's commit (routed, its frames in the brand topic).</summary>
    [JsonPropertyName("source_latency_ms_p50")]
    public double? SourceLatencyMsP50 { get; init; }

    [JsonPropertyName("source_latency_ms_p99")]
    public double? SourceLatencyMsP99 { get; init; }

    [JsonPropertyName("source_latency_ms_max")]
    public double? SourceLatencyMsMax { get; init; }

    [JsonPropertyName("latency_ms_max")]
    public double? LatencyMsMax { get; init; }

    [JsonPropertyName("latency_samples")]
    public long LatencySamples { get; init; }

    [JsonPropertyName("hub_latency_ms_p50")]
    public double? HubLatencyMsP50 { get; init; }

    [JsonPropertyName("hub_latency_ms_p999")]
    public double? HubLatencyMsP999 { get; init; }

    [JsonPropertyName("hub_latency_samples")]
    public long HubLatencySamples { get; init; }

    /// <summary>
    /// Committed records a hub sample could be taken for (genuine audience events; fakes, conversions and malformed records
    /// do not move the count the client sees): samples fall short of it only for records whose count the client never saw.
    /// </summary>
    [JsonPropertyName("hub_latency_candidates")]
    public long HubLatencyCandidates { get; init; }

    [JsonPropertyName("hub_messages")]
    public long HubMessages { get; init; }

    /// <summary>The offered rate (records/s); 0 when unpaced (the producer runs ahead of the pipeline by a bounded backlog).</summary>
    [JsonPropertyName("offered_rate")]
    public double OfferedRate { get; init; }

    [JsonPropertyName("seconds")]
    public double Seconds { get; init; }

    /// <summary>
    /// CPU time the whole process used over the measured phase, and records per CPU second: on a machine shared with
    /// other work the wall-clock rate varies run to run, the CPU cost per record much less.
    /// </summary>
    [JsonPropertyName("process_cpu_seconds")]
    public double ProcessCpuSeconds { get; init; }

    [JsonPropertyName("events_per_cpu_second")]
    public double EventsPerCpuSecond { get; init; }

    /// <summary>CPU seconds per wall-clock second over the measured phase: how many cores the tasks kept busy (issue 17: 1.6 or more on two).</summary>
    [JsonPropertyName("cpu_seconds_per_second")]
    public double CpuSecondsPerSecond { get; init; }

    [JsonPropertyName("records_produced")]
    public long RecordsProduced { get; init; }

    [JsonPropertyName("records_processed")]
    public long RecordsProcessed { get; init; }

    /// <summary>Events counted into the state (not duplicates, not dead letters).</summary>
    [JsonPropertyName("events_counted")]
    public long EventsCounted { get; init; }

    [JsonPropertyName("duplicates")]
    public long Duplicates { get; init; }

    [JsonPropertyName("dead_letters")]
    public long DeadLetters { get; init; }

    /// <summary>Records the raw ceiling pass read (the broker keeps about 5 MiB per partition, so on a long run fewer than produced).</summary>
    [JsonPropertyName("raw_ceiling_records")]
    public long RawCeilingRecords { get; init; }

    [JsonPropertyName("commits")]
    public long Commits { get; init; }

    [JsonPropertyName("state_store")]
    public string StateStore { get; init; } = "memory";

    /// <summary>The collector's configuration: server or workstation, background gen2 on or off, latency mode.</summary>
    [JsonPropertyName("gc_server")]
    public bool? GcServer { get; init; }

    [JsonPropertyName("gc_concurrent")]
    public bool? GcConcurrent { get; init; }

    [JsonPropertyName("gc_latency_mode")]
    public string? GcLatencyMode { get; init; }

    /// <summary>Collections over the measured phase (live and replay): of at least generation 0, 1 and 2, as the runtime counts them.</summary>
    [JsonPropertyName("gc_gen0")]
    public int? GcGen0 { get; init; }

    [JsonPropertyName("gc_gen1")]
    public int? GcGen1 { get; init; }

    [JsonPropertyName("gc_gen2")]
    public int? GcGen2 { get; init; }

    /// <summary>Gen2 collections that stopped the program for the whole collection (not background ones), as sampled.</summary>
    [JsonPropertyName("gc_gen2_blocking")]
    public int? GcGen2Blocking { get; init; }

    /// <summary>Time the program stood still for the collector over the measured phase, and the longest single pause seen (ms).</summary>
    [JsonPropertyName("gc_pause_ms_total")]
    public double? GcPauseMsTotal { get; init; }

    [JsonPropertyName("gc_pause_ms_max")]
    public double? GcPauseMsMax { get; init; }

    /// <summary>Brand-task snapshots taken during the live run (each holds its batch a while: a stall for the records in flight).</summary>
    [JsonPropertyName("snapshots")]
    public int? Snapshots { get; init; }

    /// <summary>The longest of those snapshots, in milliseconds, from capture until written (null without one).</summary>
    [JsonPropertyName("snapshot_ms_max")]
    public double? SnapshotMsMax { get; init; }

    /// <summary>All of those snapshots' time, in milliseconds.</summary>
    [JsonPropertyName("snapshot_ms_total")]
    public double? SnapshotMsTotal { get; init; }

    /// <summary>The longest any of those snapshots held its batch, in milliseconds (null without one).</summary>
    [JsonPropertyName("snapshot_held_ms_max")]
    public double? SnapshotHeldMsMax { get; init; }

    /// <summary>All the time those snapshots held their batches, in milliseconds.</summary>
    [JsonPropertyName("snapshot_held_ms_total")]
    public double? SnapshotHeldMsTotal { get; init; }

    /// <summary>Live: how long a silent ingest partition held event time back, in milliseconds (null: for ever).</summary>
    [JsonPropertyName("idle_timeout_ms")]
    public double? IdleTimeoutMs { get; init; }

    /// <summary>The largest of those snapshots, in bytes.</summary>
    [JsonPropertyName("snapshot_bytes_max")]
    public long? SnapshotBytesMax { get; init; }

    [JsonPropertyName("machine")]
    public string Machine { get; init; } = $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";

    /// <summary>These figures with the collector's configuration and its collections and pause time over the run.</summary>
    public BenchFigures WithCollector(GcTotals gc) => this with
    {
        GcServer = System.Runtime.GCSettings.IsServerGC,
        GcConcurrent = AppContext.TryGetSwitch("System.GC.Concurrent", out var concurrent) ? concurrent : true,
        GcLatencyMode = System.Runtime.GCSettings.LatencyMode.ToString(),
        GcGen0 = gc.Gen0,
        GcGen1 = gc.Gen1,
        GcGen2 = gc.Gen2,
        GcPauseMsTotal = Math.Round(gc.Pause.TotalMilliseconds, 1),
    };

    /// <summary>
    /// The figures every mode shares: <paramref name="records"/> processed in <paramref name="seconds"/> against the
    /// mode's ceiling (records per second, null when not measured), peak memory, and CPU and allocation per record.
    /// </summary>
    public static BenchFigures Throughput(string mode, long records, double seconds, double? ceiling, long allocatedBytes, double cpuSeconds)
    {
        var eventsPerSecond = records / seconds;
        return new BenchFigures
        {
            Mode = mode,
            EventsPerSecond = Math.Round(eventsPerSecond),
            RawCeilingEventsPerSecond = ceiling is null ? null : Math.Round(ceiling.Value),
            RatioToCeiling = ceiling is null ? null : Math.Round(eventsPerSecond / ceiling.Value, 3),
            PeakRssMb = ProcessMeters.PeakRssMegabytes(),
            BytesAllocatedPerEvent = records == 0 ? 0 : Math.Round((double)allocatedBytes / records),
            Seconds = Math.Round(seconds, 2),
            ProcessCpuSeconds = Math.Round(cpuSeconds, 2),
            EventsPerCpuSecond = cpuSeconds > 0 ? Math.Round(records / cpuSeconds) : 0,
            CpuSecondsPerSecond = seconds > 0 ? Math.Round(cpuSeconds / seconds, 2) : 0,
        };
    }
}
