using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using Confluent.Kafka;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Kafka.Producing;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.Telemetry;

namespace CreatorStream.Host.Composition;

/// <summary>
/// The worker's pipeline, composed once for the worker role, <c>run</c> and the integration tests: Kafka ingest
/// topics → micro-batches → <see cref="StreamProcessor"/> (rebuilt from the partitions' logs on every assignment,
/// RestoringProcessor) → dead letters, state and offsets committed → batch acknowledged to the consumer
/// (only then may its offsets be committed to Kafka). A commit the store fences off (another worker moved a partition)
/// restarts the pipeline: it rejoins the group and rebuilds from the store's checkpoint.
/// <para>Stopping (the token of <see cref="RunAsync"/>): no new batch is taken; the batches in flight are processed and
/// committed, their offsets committed to Kafka, and the consumer closed. If that takes longer than
/// <see cref="ShutdownTimeout"/> (a store that does not answer), the pipeline gives up and throws
/// <see cref="ShutdownTimeoutException"/>: the uncommitted records are re-read on restart.</para>
/// </summary>
public sealed class WorkerPipeline(
    KafkaClientSettings kafka,
    CampaignCatalog catalog,
    ProcessorOptions processorOptions,
    IStateStore store,
    ICampaignChangeFeed? changes,
    TimeProvider clock,
    ILoggerFactory loggers)
{
    private long _committedBatches;

    /// <summary>Batches committed so far.</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    /// <summary>Consumer group of the workers.</summary>
    public string GroupId { get; init; } = new IngestConsumerOptions().GroupId;

    /// <summary>Longest a stop waits for the batches in flight to commit. Default 30 s.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Consumer lag per assigned partition (readiness and <c>/metrics</c>); the same table across restarts.</summary>
    public ConsumerLag Lag { get; init; } = new();

    /// <summary>Records re-read from the log to rebuild state, over this pipeline's life.</summary>
    public long RestoredRecords { get; private set; }

    /// <summary>Times a fenced commit restarted the pipeline.</summary>
    public int Restarts { get; private set; }

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> asks it to stop (returns once the batches in flight are committed,
    /// or throws <see cref="ShutdownTimeoutException"/> after <see cref="ShutdownTimeout"/>), or until it fails (throws).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger<WorkerPipeline>();
        while (true)
        {
            try
            {
                await RunOnceAsync(cancellationToken);
                return;
            }
            catch (StateFencedException e) when (!cancellationToken.IsCancellationRequested)
            {
                Restarts++;
                logger.LogWarning("A commit was fenced off ({Reason}); rejoining the group and rebuilding state", e.Message);
            }
        }
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.Producer("creatorstream-worker")).Build();
        var committer = new BatchCommitter(
            store,
            new KafkaDeadLetterSink(producer, clock, loggers.CreateLogger<KafkaDeadLetterSink>()),
            new KafkaWindowSink(producer),
            new KafkaAlertSink(producer),
            changes)
        { Clock = clock };
        var consumer = new IngestConsumer(kafka, new IngestConsumerOptions { GroupId = GroupId }, store, clock, loggers.CreateLogger<IngestConsumer>()) { Lag = Lag };
        var log = new BatchLog(loggers.CreateLogger("CreatorStream.Worker.Batches"));
        var sizes = new Queue<int>(); // records per batch in flight, in order (batches commit in order)

        // The hard stop: armed when a stop is asked, it cancels whatever still waits after ShutdownTimeout.
        using var hardStop = new CancellationTokenSource();
        using var timer = clock.CreateTimer(_ => Cancel(hardStop), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        using var arm = cancellationToken.Register(() => timer.Change(ShutdownTimeout, Timeout.InfiniteTimeSpan));
        var processor = new StreamProcessor(catalog, processorOptions); // TEMPORARY: replaced by the staged worker

        try
        {
            await consumer.Batches(cancellationToken)
                .Do(batch =>
                {
                    PipelineInstruments.BatchRecords.Record(batch.Records.Count);
                    lock (sizes)
                    {
                        sizes.Enqueue(batch.Records.Count);
                    }
                })
                .Process(processor)
                .Commit(committer)
                .Do(result =>
                {
                    consumer.Acknowledge(result.Delta);
                    Interlocked.Increment(ref _committedBatches);
                    var latency = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(result.Delta.WallClockMs);
                    PipelineInstruments.BatchDuration.Record(latency.TotalSeconds);
                    PipelineInstruments.Watermark(result.Delta.Watermark, result.Delta.WallClockMs);
                    int records;
                    lock (sizes)
                    {
                        records = sizes.Dequeue();
                    }

                    log.Committed(result, records, latency);
                })
                .DefaultIfEmpty()
                .ToTask(hardStop.Token);
        }
        catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
        {
            throw new ShutdownTimeoutException(
                $"the batches in flight were not committed within {ShutdownTimeout.TotalSeconds:0.#} s of the stop (is the state store reachable?); " +
                "their records were not committed and will be re-read on restart");
        }
        finally
        {
            producer.Flush(TimeSpan.FromSeconds(5));
        }
    }

    private static void Cancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The pipeline ended just before the deadline.
        }
    }
}
