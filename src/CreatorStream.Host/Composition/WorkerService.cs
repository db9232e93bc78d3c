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
/// The worker role: Kafka ingest topics → micro-batches → <see cref="StreamProcessor"/> → dead letters, state and
/// offsets committed → batch acknowledged to the consumer. A fatal error stops the host rather than running on
/// with a broken pipeline.
/// </summary>
public sealed class WorkerService(
    KafkaClientSettings kafka,
    CampaignCatalog catalog,
    ProcessorOptions processorOptions,
    IStateStore store,
    ICampaignChangeFeed changes,
    TimeProvider clock,
    ILoggerFactory loggers,
    IHostApplicationLifetime lifetime) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<WorkerService>();

    /// <summary>Batches committed so far (for health and tests).</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    private long _committedBatches;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.Producer("creatorstream-worker")).Build();
        var committer = new BatchCommitter(
            store,
            new KafkaDeadLetterSink(producer, clock, loggers.CreateLogger<KafkaDeadLetterSink>()),
            new KafkaWindowSink(producer),
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
                .ToTask(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Normal stop: the consume loop closes the consumer; uncommitted batches are re-read on restart.
        }
        catch (Exception e)
        {
            _logger.LogCritical(e, "The worker pipeline failed; stopping");
            lifetime.StopApplication();
        }
        finally
        {
            producer.Flush(TimeSpan.FromSeconds(5));
        }
    }
}
