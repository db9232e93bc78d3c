using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka;
using CreatorStream.Processing.Pipeline;

namespace CreatorStream.Host.Composition;

/// <summary>
/// The worker role as a hosted service around <see cref="WorkerPipeline"/>. A failed pipeline stops the host
/// (the Confluent examples' "break on fatal errors") rather than running on with nothing consuming.
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
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pipeline = new WorkerPipeline(kafka, catalog, processorOptions, store, changes, clock, loggers);
        try
        {
            // Off the host's start-up path: the consume loop runs on its own thread.
            await Task.Run(() => pipeline.RunAsync(stoppingToken), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            loggers.CreateLogger<WorkerService>().LogCritical(e, "The worker pipeline failed; stopping");
            lifetime.StopApplication();
        }
    }
}
