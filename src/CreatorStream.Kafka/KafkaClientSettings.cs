using Confluent.Kafka;
using CreatorStream.Kafka.Native;

namespace CreatorStream.Kafka;

/// <summary>
/// How to reach Kafka, and the client settings every CreatorStream client shares. Immutable.
/// <see cref="Extra"/> passes any librdkafka property through (security.protocol, sasl.*, ssl.*), so secured
/// clusters need no code change.
/// </summary>
public sealed record KafkaClientSettings(string BootstrapServers)
{
    /// <summary>Additional librdkafka properties, applied last.</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// For logs and start-up lines: the servers and the extra properties, with the value of any property that can
    /// hold a secret (passwords, keys, secrets, tokens) replaced by <c>***</c>.
    /// </summary>
    public override string ToString() =>
        Extra.Count == 0
            ? BootstrapServers
            : $"{BootstrapServers} ({string.Join(", ", Extra.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={(IsSecret(p.Key) ? "***" : p.Value)}"))})";

    /// <summary>Whether a librdkafka property can carry a secret, so its value must never be printed.</summary>
    public static bool IsSecret(string property) =>
        property.Contains("password", StringComparison.OrdinalIgnoreCase)
        || property.Contains("secret", StringComparison.OrdinalIgnoreCase)
        || property.Contains("token", StringComparison.OrdinalIgnoreCase)
        || property.Contains("jaas", StringComparison.OrdinalIgnoreCase)
        || property.EndsWith(".pem", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Has librdkafka check every property now, at start-up, instead of at the first client: builds a producer (no
    /// connection is awaited) and disposes it. Throws <see cref="ArgumentException"/> with librdkafka's reason.
    /// </summary>
    public void Validate()
    {
        try
        {
            using var producer = new ProducerBuilder<byte[], byte[]>(Producer("creatorstream-config-check"))
                .SetLogHandler((_, _) => { }) // a connection attempt racing the dispose is not news
                .Build();
        }
        catch (Exception e) when (e is KafkaException or ArgumentException or InvalidOperationException)
        {
            throw new ArgumentException(e.Message, nameof(Extra), e);
        }
    }

    /// <summary>
    /// Fails start-up early when no broker answers within <paramref name="timeout"/> (or they refuse the credentials or
    /// TLS): librdkafka would otherwise retry in the background forever and the process would look alive but do nothing.
    /// </summary>
    /// <exception cref="KafkaUnreachableException">with librdkafka's reason.</exception>
    public void EnsureReachable(TimeSpan timeout)
    {
        string? lastError = null;
        using var admin = new AdminClientBuilder(Producer("creatorstream-reachability"))
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, e) => lastError = e.Reason)
            .Build();
        try
        {
            var metadata = admin.GetMetadata(timeout);
            if (metadata.Brokers.Count == 0)
            {
                throw new KafkaUnreachableException(BootstrapServers, "the cluster lists no brokers");
            }
        }
        catch (KafkaException e)
        {
            throw new KafkaUnreachableException(BootstrapServers, $"no broker answered within {timeout.TotalSeconds:F0} s ({lastError ?? e.Error.Reason})", e);
        }
    }

    /// <summary>A producer tuned for throughput: 20 ms linger, large batches, lz4 (docs/design.md, "Environment").</summary>
    public ProducerConfig Producer(string clientId)
    {
        KafkaNative.EnsureLoaded();
        var config = new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            ClientId = clientId,
            LingerMs = 20,
            BatchNumMessages = 10_000,
            CompressionType = CompressionType.Lz4,
            Acks = Acks.All,

            // Retries stay on: the mock cluster does not deduplicate an idempotent producer's retries, so a rare
            // repeat is possible; event_id deduplication downstream makes it harmless.
            MessageSendMaxRetries = 10,
            RetryBackoffMs = 100,
        };
        return Apply(config);
    }

    /// <summary>
    /// A consumer in <paramref name="groupId"/>. Offsets are stored by hand, only after the batch that covers them
    /// is durable; the 10 ms fetch wait keeps latency low against the embedded broker (p99 11 ms instead of ~500 ms).
    /// </summary>
    public ConsumerConfig Consumer(string groupId, string clientId)
    {
        KafkaNative.EnsureLoaded();
        var config = new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = groupId,
            ClientId = clientId,
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            FetchWaitMaxMs = 10,
            SessionTimeoutMs = 6000,
            EnablePartitionEof = false,
        };
        return Apply(config);
    }

    private T Apply<T>(T config)
        where T : ClientConfig
    {
        foreach (var (key, value) in Extra)
        {
            config.Set(key, value);
        }

        return config;
    }
}
