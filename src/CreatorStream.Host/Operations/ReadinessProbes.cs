using CreatorStream.Kafka;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Kafka.Health;
using CreatorStream.Redis;
using StackExchange.Redis;

namespace CreatorStream.Host.Operations;

/// <summary>The probes the roles compose: Kafka reachable, Redis reachable, consumer lag under a limit.</summary>
public static class ReadinessProbes
{
    public static ReadinessProbe Kafka(KafkaReachability kafka) => new("kafka", kafka.CheckAsync);

    public static ReadinessProbe Redis(IConnectionMultiplexer redis) => new("redis", _ => RedisReachability.CheckAsync(redis));

    /// <summary>Not ready while any assigned partition has more than <paramref name="maxRecords"/> records not yet committed.</summary>
    public static ReadinessProbe Lag(ConsumerLag lag, long maxRecords) => new("consumer_lag", _ =>
    {
        var (records, partition) = lag.Max();
        return Task.FromResult(records > maxRecords ? $"{records} records behind on {partition}, above the limit of {maxRecords}" : null);
    });

    /// <summary>The probes of a worker (and of <c>run</c>): Kafka, the lag and, when the state is in Redis, Redis.</summary>
    public static IReadOnlyList<ReadinessProbe> Worker(KafkaClientSettings kafka, ConsumerLag lag, long maxLag, IConnectionMultiplexer? redis) =>
        redis is null
            ? [Kafka(new KafkaReachability(kafka)), Lag(lag, maxLag)]
            : [Kafka(new KafkaReachability(kafka)), Redis(redis), Lag(lag, maxLag)];
}
