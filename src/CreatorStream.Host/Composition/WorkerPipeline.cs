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
using CreatorStream.Processing.Recovery;

namespace CreatorStream.Host.Composition;

/// <summary>
/// The worker's pipeline, composed once for the worker role, <c>run</c> and the integration tests: Kafka ingest
/// topics → micro-batches → <see cref="StreamProcessor"/> (rebuilt from the partitions' logs on every assignment,
/// <see cref="RestoringProcessor"/>) → dead letters, state and offsets committed → batch acknowledged to the consumer
/// (only then may its offsets be committed to Kafka). A commit the store fences off (another worker moved a partition)
/// restarts the pipeline: it rejoins the group and rebuilds from the store's checkpoint.
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

    /// <summary>Records re-read from the log to rebuild state, over this pipeline's life.</summary>
    public long RestoredRecords { get; private set; }

    /// <summary>Times a fenced commit restarted the pipeline.</summary>
    public int Restarts { get; private set; }

    /// <summary>Runs until cancelled (returns normally) or until the pipeline fails (throws).</summary>
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
            changes);
        var consumer = new IngestConsumer(kafka, new IngestConsumerOptions { GroupId = GroupId }, store, clock, loggers.CreateLogger<IngestConsumer>());
        var processor = new RestoringProcessor(
            () => new StreamProcessor(catalog, processorOptions),
            new KafkaPartitionHistory(kafka, loggers.CreateLogger<KafkaPartitionHistory>()),
            loggers.CreateLogger<RestoringProcessor>());

        try
        {
            await consumer.Batches()
                .Process(processor)
                .Commit(committer)
                .Do(result =>
                {
                    consumer.Acknowledge(result.Delta);
                    Interlocked.Increment(ref _committedBatches);
                })
                .DefaultIfEmpty()
                .ToTask(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Normal stop: the consume loop closes the consumer; unacknowledged batches are re-read on restart.
        }
        finally
        {
            producer.Flush(TimeSpan.FromSeconds(5));
            RestoredRecords += processor.RestoredRecords;
        }
    }
}
