namespace CreatorStream.Kafka.Consuming;

/// <summary>How the consume loop forms micro-batches. Immutable.</summary>
public sealed record IngestConsumerOptions
{
    /// <summary>Consumer group of the workers' source stage. Default <c>creatorstream-sources</c>.</summary>
    public string GroupId { get; init; } = "creatorstream-sources";

    /// <summary>The topics consumed. Default the four ingest topics.</summary>
    public IReadOnlyList<string> Topics { get; init; } = Kafka.Topics.Ingest;

    /// <summary>
    /// Cooperative rebalancing (<c>cooperative-sticky</c>): a rebalance moves only the partitions that change owner, and
    /// the others keep running. Default true.
    /// </summary>
    public bool Cooperative { get; init; } = true;

    /// <summary>Most records in one micro-batch. Default 5,000.</summary>
    public int MaxBatchRecords { get; init; } = 5_000;

    /// <summary>
    /// The most value bytes a batch takes; the record that reaches it is the batch's last. Default no bound: the
    /// records' count bounds it. The brand stage's records are frames of many events, so its batches are bounded by bytes.
    /// </summary>
    public long MaxBatchBytes { get; init; } = long.MaxValue;

    /// <summary>Longest a batch waits to fill before it is processed: bounds added latency. Default 20 ms.</summary>
    public TimeSpan MaxBatchWait { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Batches processed but not yet committed. Bounds memory when the store is slow (Rx has no back-pressure,
    /// so the loop waits instead). Default 4.
    /// </summary>
    public int MaxInFlightBatches { get; init; } = 4;

    /// <summary>
    /// The topics' offsets have no holes (one idempotent, non-transactional producer writes them, as the brand topic):
    /// a record past the offset that should come next means records were skipped, gone from the log before they were
    /// read (retention; the embedded broker keeps only 5 MiB a partition), and the consumer was reset past them. Each
    /// skip is logged as an error and counted (<see cref="IngestConsumer.SkippedRecords"/>,
    /// <c>creatorstream_kafka_skipped_records_total</c>): records lost, not a silent jump. Default false: an ingest
    /// topic's producers may be transactional, whose markers take offsets too.
    /// </summary>
    public bool ContiguousOffsets { get; init; }

    /// <summary>
    /// How often the durable offsets are committed to Kafka (they are the store's already; Kafka's copy is what others
    /// read of this group's progress, as the source stage's backpressure does of the brand group). Default null:
    /// librdkafka's 5 s.
    /// </summary>
    public TimeSpan? AutoCommitInterval { get; init; }

    /// <summary>
    /// Whether one list holds every batch's records, cleared and refilled for the next batch, instead of a new list per
    /// batch. An observer must then be done with <see cref="Core.Streaming.RecordBatch.Records"/> when its <c>OnNext</c>
    /// returns, as both stages of a worker are (they route or process a batch within it, and keep what they made of it,
    /// not the list). The records are large structs, and a batch's list was the largest single allocation of the consume
    /// loop, often in the large-object heap (docs/benchmarks.md, session 15). Default false.
    /// </summary>
    public bool ReuseBatchList { get; init; }

    /// <summary>
    /// Whether the records' keys and values are lent from chunks the loop writes over for the next batch, instead of an
    /// array of their own each (<see cref="RecordBytes"/>): with <see cref="ReuseBatchList"/>'s contract, an observer
    /// must also be done with the records' bytes when its <c>OnNext</c> returns, and copy what it keeps
    /// (<see cref="Core.Streaming.InboundRecord.Owned"/>). Default false.
    /// </summary>
    public bool LendBytes { get; init; }

    /// <summary>With no records, an empty batch is still emitted this often so idle partitions and windows advance. Default 1 s.</summary>
    public TimeSpan IdleTick { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// When set, a partition that has delivered nothing for this long is checked against its log's end offset (asked of
    /// the broker, at most once per <see cref="IdleTick"/>): until the broker confirms it has nothing more, the partition
    /// is reported <see cref="CreatorStream.Core.Streaming.RecordBatch.Behind"/>, so silence caused by a fault (a broker down,
    /// fetches refused) is never taken for an idle partition (docs/design.md, "Event time"). Default null: no check.
    /// </summary>
    public TimeSpan? ConfirmSilenceAfter { get; init; }

    /// <summary>Longest one end-offset check waits for the broker before the silent partitions count as behind. Default 2 s.</summary>
    public TimeSpan EndOffsetTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest a revocation waits for batches in flight to commit before giving the partitions up. Default 30 s.</summary>
    public TimeSpan RevokeDrainTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
