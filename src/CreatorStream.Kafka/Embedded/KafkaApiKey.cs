namespace CreatorStream.Kafka.Embedded;

/// <summary>
/// Kafka protocol request types (the <c>ApiKey</c> of a request header), for
/// <see cref="EmbeddedBroker.PushRequestErrors"/> and <see cref="EmbeddedBroker.ClearRequestErrors"/>.
/// Only the requests this project's clients send are listed; the numbers are fixed by the protocol.
/// </summary>
public static class KafkaApiKey
{
    public const short Produce = 0;
    public const short Fetch = 1;
    public const short ListOffsets = 2;
    public const short Metadata = 3;
    public const short OffsetCommit = 8;
    public const short OffsetFetch = 9;
    public const short FindCoordinator = 10;
    public const short JoinGroup = 11;
    public const short Heartbeat = 12;
    public const short LeaveGroup = 13;
    public const short SyncGroup = 14;
    public const short ApiVersions = 18;
}
