namespace CreatorStream.Kafka;

/// <summary>Kafka could not be used at start-up: no broker answered, or the brokers refused the security set-up.</summary>
public sealed class KafkaUnreachableException(string bootstrapServers, string reason, Exception? inner = null)
    : Exception($"cannot use Kafka at {bootstrapServers}: {reason}", inner)
{
    public string BootstrapServers { get; } = bootstrapServers;
}
