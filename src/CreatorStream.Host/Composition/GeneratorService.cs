using Confluent.Kafka;
using CreatorStream.Core.Events;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Producing;
using CreatorStream.Simulation;

namespace CreatorStream.Host.Composition;

/// <summary>
/// Synthetic live traffic for <c>run</c>: the generator's records published as their event time comes due on the
/// wall clock (the generator starts at "now"), so the dashboard moves as a real campaign would.
/// </summary>
public sealed class GeneratorService(TrafficGenerator generator, KafkaClientSettings kafka, TimeProvider clock, ILogger<GeneratorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.Producer("creatorstream-generator")).Build();
        using var publisher = new EventPublisher(producer);
        long published = 0;
        try
        {
            foreach (var record in generator.Generate())
            {
                if (record.Event is { } e)
                {
                    var due = DateTimeOffset.FromUnixTimeMilliseconds(e.Ts) - clock.GetUtcNow();
                    if (due > TimeSpan.FromMilliseconds(5))
                    {
                        await Task.Delay(due, clock, stoppingToken);
                    }
                }

                publisher.Publish(record.Type ?? EventType.Impression, record.Key, record.Value);
                published++;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            publisher.Flush(TimeSpan.FromSeconds(5));
            logger.LogInformation("Generator published {Count} records ({Failed} failed)", published, publisher.Failed);
        }
    }
}
