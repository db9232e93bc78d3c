using CreatorStream.Core.Streaming;
using CreatorStream.Kafka;
using CreatorStream.Redis;

namespace CreatorStream.Bench;

/// <summary>How a live bench runs. Immutable.</summary>
public sealed record LiveBenchOptions
{
    /// <summary>How long the generator produces. Default 30 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A Kafka cluster with empty ingest topics; null starts the embedded broker. Default null.</summary>
    public KafkaClientSettings? Kafka { get; init; }

    /// <summary>
    /// librdkafka properties for every client of the embedded broker (<see cref="Kafka"/> null), the bench's generator and
    /// the pipeline's; with <see cref="Kafka"/> given, its own settings carry them. Default none.
    /// </summary>
    public IReadOnlyDictionary<string, string> EmbeddedKafkaConfig { get; init; } = new Dictionary<string, string>();

    /// <summary>Redis for the state; null keeps it in memory. Default null.</summary>
    public RedisStoreOptions? Redis { get; init; }

    /// <summary>Records offered per second; 0 offers as fast as the pipeline takes them (see <see cref="MaxBacklog"/>). Default 0.</summary>
    public double Rate { get; init; }

    /// <summary>
    /// Unpaced, the producer stays at most this many records ahead of the commits: enough that the pipeline never
    /// waits for input (five of its 5,000-record batches), and far inside what the embedded broker keeps (about 5 MiB per partition). Default 25,000.
    /// </summary>
    public long MaxBacklog { get; init; } = 25_000;

    /// <summary>
    /// Records produced, unpaced, before the pipeline starts; the pipeline is then timed over them alone, as the raw
    /// ceiling's consumer is, with no generator sharing the cores (no latency figures: every record waited from the
    /// start). 0 produces while the pipeline runs, for <see cref="Duration"/>. Default 0.
    /// </summary>
    public long Preload { get; init; }

    /// <summary>Generator seed. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Partitions of each embedded topic. Default 16 (docs/design.md, "Environment").</summary>
    public int Partitions { get; init; } = 16;

    /// <summary>A CSV file for the run second by second (<see cref="TimelineRow"/>); null writes none. Default null.</summary>
    public string? Timeline { get; init; }

    /// <summary>Longest wait, after producing stops, for the pipeline to commit everything. Default 120 s.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// The pipeline's event-time and input options. Default: the product's, with sources passed over after
    /// <see cref="IdleTimeout"/> of silence.
    /// </summary>
    public ProcessorOptions Processor { get; init; } = ProcessorOptions.Default with { IdleTimeout = IdleTimeout };

    /// <summary>
    /// How long a silent ingest partition holds event time back in a live bench unless told otherwise: 3 s, not the
    /// product's 30 s. The generator writes nothing to some ingest topics (lead updates, insights), and every partition
    /// holds the brand tasks' event time until it has been silent that long. With 30 s no event was released for judging
    /// in a 30 s run: the bench measured arrivals only, and every event waited in the snapshots (docs/benchmarks.md,
    /// session 42).
    /// </summary>
    public static TimeSpan IdleTimeout { get; } = TimeSpan.FromSeconds(3);
}
