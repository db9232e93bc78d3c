using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Processing.Pipeline;

namespace CreatorStream.Host.Composition;

/// <summary>
/// The worker role as a hosted service around <see cref="WorkerPipeline"/>. A failed pipeline stops the host
/// (the Confluent examples' "break on fatal errors") rather than running on with nothing consuming. A stop that cannot
/// commit the batches in flight within <see cref="ShutdownOptions.Timeout"/> is reported in <see cref="Failure"/>.
/// </summary>
public sealed class WorkerService(
    KafkaClientSettings kafka,
    CampaignCatalog catalog,
    ProcessorOptions processorOptions,
    IStateStore store,
    ICampaignChangeFeed changes,
    TimeProvider clock,
    ILoggerFactory loggers,
    IHostApplicationLifetime lifetime,
    ConsumerLag lag,
    ShutdownOptions shutdown) : BackgroundService
{
    /// <summary>Why the worker ended badly (a failed pipeline, a stop that timed out); null while running or after a clean stop.</summary>
    public string? Failure { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pipeline = new WorkerPipeline(kafka, catalog, processorOptions, store, changes, clock, loggers) { Lag = lag, ShutdownTimeout = shutdown.Timeout };
        try
        {
            // Off the host's start-up path: the consume loop runs on its own thread.
            await Task.Run(() => pipeline.RunAsync(stoppingToken), stoppingToken);
        }
        catch (ShutdownTimeoutException e)
        {
            Failure = e.Message;
            loggers.CreateLogger<WorkerService>().LogError("Stop incomplete: {Reason}", e.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            Failure = $"the worker pipeline failed: {e.Message}";
            loggers.CreateLogger<WorkerService>().LogCritical(e, "The worker pipeline failed; stopping");
            lifetime.StopApplication();
        }
    }
}
