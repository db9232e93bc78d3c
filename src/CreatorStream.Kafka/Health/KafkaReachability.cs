using Confluent.Kafka;

namespace CreatorStream.Kafka.Health;

/// <summary>
/// Whether a Kafka broker answers: a metadata request over one long-lived admin client (created on first use), bounded
/// to 2 s. Used by readiness; safe to call concurrently (librdkafka serialises the requests).
/// </summary>
public sealed class KafkaReachability(KafkaClientSettings settings) : IDisposable
{
    // The client's own log lines are dropped: an unreachable broker is reported by readiness, not logged every few seconds.
    private readonly Lazy<IAdminClient> _admin = new(() => new AdminClientBuilder(settings.Producer("creatorstream-health")).SetLogHandler((_, _) => { }).Build());

    /// <summary>Null when a broker answered, else why not (the client's error reason; no configuration values).</summary>
    public Task<string?> CheckAsync(CancellationToken cancellationToken) => Task.Run<string?>(
        () =>
        {
            try
            {
                var metadata = _admin.Value.GetMetadata(TimeSpan.FromSeconds(2));
                return metadata.Brokers.Count == 0 ? "no broker in the metadata" : null;
            }
            catch (KafkaException e)
            {
                return $"unreachable: {e.Error.Reason}";
            }
        },
        cancellationToken);

    public void Dispose()
    {
        if (_admin.IsValueCreated)
        {
            _admin.Value.Dispose();
        }
    }
}
