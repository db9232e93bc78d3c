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

namespace CreatorStream.Host.Composition;

/// <summary>
/// The worker's pipeline, composed once for the worker role, <c>run</c> and the integration tests: Kafka ingest
/// topics → micro-batches → <see cref="StreamProcessor"/> → dead letters, state and offsets committed → batch
/// acknowledged to the consumer (only then may its offsets be committed to Kafka).
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

    /// <summary>Runs until cancelled (returns normally) or until the pipeline fails (throws).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.Producer("creatorstream-worker")).Build();
        var committer = new BatchCommitter(
            store,
            new KafkaDeadLetterSink(producer, clock, loggers.CreateLogger<KafkaDeadLetterSink>()),
            new KafkaWindowSink(producer),
            new KafkaAlertSink(producer),
            changes);
        var consumer = new IngestConsumer(kafka, new IngestConsumerOptions(), store, clock, loggers.CreateLogger<IngestConsumer>());
        var processor = new StreamProcessor(catalog, processorOptions);

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
        }
    }
}
