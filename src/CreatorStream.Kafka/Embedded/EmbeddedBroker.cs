using System.Runtime.InteropServices;
using Confluent.Kafka;
using CreatorStream.Kafka.Native;

namespace CreatorStream.Kafka.Embedded;

/// <summary>
/// An in-process Kafka cluster for <c>creatorstream run</c> and the tests: librdkafka's mock
/// cluster, which speaks the Kafka protocol on 127.0.0.1 to real Confluent.Kafka producers,
/// consumers (groups and offset commits included) and admin clients (docs/design.md, "Environment").
/// </summary>
/// <remarks>
/// <para>
/// <b>Storage.</b> Everything is in memory and lost on <see cref="Dispose"/>. Each partition keeps
/// only about 5 MiB of record batches (older batches are dropped, so a slow consumer's offset can
/// fall out of the log: treat that as data loss, docs/design.md, "Environment"), and a fetch finds its
/// offset by scanning the partition's batches linearly. Give topics many partitions
/// (<see cref="RecommendedPartitionCount"/> or more) so each log stays short, and have producers
/// batch (linger about 20 ms, lz4) so each batch holds many records.
/// </para>
/// <para>
/// <b>Topics.</b> Create them with <see cref="CreateTopic"/> before clients use them. A producer
/// can auto-create a topic, but it then gets the mock's built-in default of 4 partitions, which
/// librdkafka 2.0.2 offers no API or setting to change. The Admin API's CreateTopics is not
/// implemented by the mock; metadata requests are.
/// </para>
/// <para>
/// <b>Timing</b> (librdkafka 2.0.2 clients, measured here). A consumer group's first join takes
/// about 3 s: the mock waits like a real broker's <c>group.initial.rebalance.delay.ms</c>. A new
/// producer's first record to a topic waits up to 1 s for the client's once-a-second scan of
/// unknown topics; fetching the topic's metadata on the producer's handle first
/// (<c>DependentAdminClientBuilder(producer.Handle)</c>, <c>GetMetadata(topic, ...)</c>) removes
/// that wait. Later records take about <c>linger.ms</c>.
/// </para>
/// <para>
/// <b>Not a real broker.</b> The mock does not deduplicate an idempotent producer's retries and
/// writes no transaction markers, so exactly-once claims cannot be tested against it.
/// </para>
/// <para>
/// <b>Threading.</b> Every member is safe to call from any thread: each call is handed to the mock
/// cluster's own thread, and librdkafka waits for it to be applied before returning. So a fault
/// injected by <see cref="SetBrokerDown"/> is in force when the call returns.
/// </para>
/// <para>
/// <b>Disposal.</b> <see cref="Dispose"/> is idempotent. It closes the listeners and frees the log;
/// a call racing it either completes first or throws <see cref="ObjectDisposedException"/>, and
/// calls after it throw <see cref="ObjectDisposedException"/>. It usually blocks for about 1 s:
/// librdkafka 2.0.2's mock thread mostly notices the stop request only at its once-a-second poll.
/// Dispose clients before the broker: a client left running only sees refused connections and
/// keeps retrying.
/// </para>
/// </remarks>
public sealed class EmbeddedBroker : IDisposable
{
    /// <summary>
    /// The partition count to give embedded topics: enough that each partition's linearly scanned
    /// log stays short at this project's rates (docs/design.md, "Environment" measured 1 M messages over 16).
    /// </summary>
    public const int RecommendedPartitionCount = 16;

    // librdkafka's conf_set and rd_kafka_new write a NUL-terminated reason here; 512 is what its own examples use.
    private const int ErrorBufferSize = 512;

    // The rd_kafka_t only hosts the mock cluster; it never produces and has no bootstrap.servers.
    private static readonly (string Name, string Value)[] HostSettings =
    [
        ("client.id", "creatorstream-embedded-broker"),

        // Warnings and worse only: at notice level librdkafka reports the missing bootstrap.servers
        // on every start, which is by design here and would only be noise in the logs.
        ("log_level", "4"),
    ];

    private readonly MockClusterHandle cluster;

    private EmbeddedBroker(MockClusterHandle cluster, string bootstrapServers, int brokerCount)
    {
        this.cluster = cluster;
        BootstrapServers = bootstrapServers;
        BrokerCount = brokerCount;
    }

    /// <summary>
    /// The <c>bootstrap.servers</c> list for clients, one loopback listener per broker on a port the
    /// operating system chose, e.g. <c>127.0.0.1:39211,127.0.0.1:40577</c>.
    /// </summary>
    public string BootstrapServers { get; }

    /// <summary>The number of brokers; their ids run from 1 to this number.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a mock cluster of <paramref name="brokers"/> brokers listening on 127.0.0.1.</summary>
    /// <param name="brokers">How many brokers (default 1). Partition leaders are spread over them.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="brokers"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">librdkafka could not be loaded or could not start the cluster.</exception>
    public static EmbeddedBroker Start(int brokers = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokers, 1);
        KafkaNative.EnsureLoaded();

        var kafka = CreateHost();
        var clusterPointer = MockClusterNative.ClusterNew(kafka, brokers);
        if (clusterPointer == 0)
        {
            MockClusterNative.KafkaDestroy(kafka);
            throw new InvalidOperationException(
                $"librdkafka could not start a mock cluster of {brokers} broker(s); its log on stderr says why.");
        }

        var cluster = new MockClusterHandle(clusterPointer, kafka);
        var bootstrapServers = Marshal.PtrToStringUTF8(MockClusterNative.ClusterBootstraps(cluster));
        if (string.IsNullOrEmpty(bootstrapServers))
        {
            cluster.Dispose();
            throw new InvalidOperationException("librdkafka's mock cluster reported no bootstrap servers.");
        }

        return new EmbeddedBroker(cluster, bootstrapServers, brokers);
    }

    /// <summary>
    /// Creates <paramref name="topic"/> with leaders spread over the brokers
    /// (<c>rd_kafka_mock_topic_create</c>).
    /// </summary>
    /// <param name="topic">The topic name.</param>
    /// <param name="partitions">At least 1; prefer <see cref="RecommendedPartitionCount"/> or more (see remarks on the class).</param>
    /// <param name="replicationFactor">From 1 to <see cref="BrokerCount"/>. Replicas are bookkeeping only: the mock keeps one log.</param>
    /// <exception cref="KafkaException">The mock refused, e.g. <see cref="ErrorCode.TopicAlreadyExists"/>.</exception>
    public void CreateTopic(string topic, int partitions, int replicationFactor = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, BrokerCount);

        ThrowIfError(
            MockClusterNative.TopicCreate(cluster, topic, partitions, replicationFactor),
            $"Creating topic {topic} with {partitions} partitions");
    }

    /// <summary>Creates each of <paramref name="topics"/> as <see cref="CreateTopic"/> does, in order, stopping at the first failure.</summary>
    public void CreateTopics(IEnumerable<string> topics, int partitions, int replicationFactor = 1)
    {
        ArgumentNullException.ThrowIfNull(topics);
        foreach (var topic in topics)
        {
            CreateTopic(topic, partitions, replicationFactor);
        }
    }

    /// <summary>
    /// Takes broker <paramref name="brokerId"/> down (<c>rd_kafka_mock_broker_set_down</c>): its open
    /// connections are closed and new ones are refused, so clients see transport errors and, with
    /// one broker, "all brokers down". Partition leadership does not move, so the partitions it
    /// leads are unavailable until <see cref="SetBrokerUp"/>; records sent to them wait in the
    /// producer and fail once <c>message.timeout.ms</c> passes. Data already written is kept.
    /// </summary>
    /// <param name="brokerId">From 1 to <see cref="BrokerCount"/>.</param>
    public void SetBrokerDown(int brokerId)
    {
        CheckBrokerId(brokerId);
        ThrowIfError(MockClusterNative.BrokerSetDown(cluster, brokerId), $"Setting broker {brokerId} down");
    }

    /// <summary>
    /// Lets broker <paramref name="brokerId"/> accept connections again (<c>rd_kafka_mock_broker_set_up</c>).
    /// Clients reconnect on their own schedule (<c>reconnect.backoff.ms</c>, growing to
    /// <c>reconnect.backoff.max.ms</c>, 10 s by default), so lower the maximum in tests that wait for recovery.
    /// </summary>
    /// <param name="brokerId">From 1 to <see cref="BrokerCount"/>.</param>
    public void SetBrokerUp(int brokerId)
    {
        CheckBrokerId(brokerId);
        ThrowIfError(MockClusterNative.BrokerSetUp(cluster, brokerId), $"Setting broker {brokerId} up");
    }

    /// <summary>
    /// Delays every response from broker <paramref name="brokerId"/> by <paramref name="milliseconds"/>
    /// (<c>rd_kafka_mock_broker_set_rtt</c>), simulating network latency; 0 removes the delay.
    /// Requests are still handled in order, so the delay also throttles a pipelined client.
    /// </summary>
    /// <param name="brokerId">From 1 to <see cref="BrokerCount"/>.</param>
    /// <param name="milliseconds">0 or more.</param>
    public void SetBrokerRoundTripTime(int brokerId, int milliseconds)
    {
        CheckBrokerId(brokerId);
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        ThrowIfError(
            MockClusterNative.BrokerSetRtt(cluster, brokerId, milliseconds),
            $"Setting broker {brokerId} round-trip time to {milliseconds} ms");
    }

    /// <summary>
    /// Makes the next <c>errors.Length</c> requests of type <paramref name="apiKey"/>, to any broker,
    /// fail with these errors in order, one per request (<c>rd_kafka_mock_push_request_errors_array</c>).
    /// A failed request changes nothing on the broker (a failed Produce appends nothing), so a client
    /// that retries delivers exactly once. <see cref="ErrorCode.NoError"/> lets that request through;
    /// <see cref="ErrorCode.Local_Transport"/> makes the broker drop the connection instead of answering.
    /// Pushing again appends to the queue of pending errors.
    /// </summary>
    /// <param name="apiKey">The protocol request type, e.g. <see cref="KafkaApiKey.Produce"/>.</param>
    /// <param name="errors">Broker errors (Confluent.Kafka's codes are librdkafka's, so they pass through unchanged).</param>
    public void PushRequestErrors(short apiKey, params ErrorCode[] errors)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(apiKey);
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Length == 0)
        {
            return;
        }

        var codes = Array.ConvertAll(errors, static error => (int)error);
        MockClusterNative.PushRequestErrors(cluster, apiKey, (nuint)codes.Length, codes);
    }

    /// <summary>
    /// Makes the next <paramref name="count"/> requests of type <paramref name="apiKey"/> to broker
    /// <paramref name="brokerId"/> only fail with <paramref name="error"/>
    /// (<c>rd_kafka_mock_broker_push_request_error_rtts</c>): a fault of one broker, where <see cref="PushRequestErrors"/>
    /// hits whichever broker is asked first. Not cleared by <see cref="ClearRequestErrors"/>.
    /// </summary>
    /// <param name="brokerId">From 1 to <see cref="BrokerCount"/>.</param>
    /// <param name="apiKey">The protocol request type, e.g. <see cref="KafkaApiKey.Fetch"/>.</param>
    /// <param name="error">A broker error (Confluent.Kafka's codes are librdkafka's).</param>
    /// <param name="count">1 to 100,000.</param>
    public void PushBrokerRequestErrors(int brokerId, short apiKey, ErrorCode error, int count)
    {
        CheckBrokerId(brokerId);
        ArgumentOutOfRangeException.ThrowIfNegative(apiKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, 100_000);
        for (var i = 0; i < count; i++)
        {
            ThrowIfError(MockClusterNative.BrokerPushRequestError(cluster, brokerId, apiKey, 1, (int)error, 0), $"Queueing errors on broker {brokerId}");
        }
    }

    /// <summary>
    /// Drops the errors still queued by <see cref="PushRequestErrors"/> for <paramref name="apiKey"/>
    /// (<c>rd_kafka_mock_clear_request_errors</c>), so later requests of that type succeed again.
    /// </summary>
    /// <param name="apiKey">The protocol request type, e.g. <see cref="KafkaApiKey.Produce"/>.</param>
    public void ClearRequestErrors(short apiKey)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(apiKey);
        MockClusterNative.ClearRequestErrors(cluster, apiKey);
    }

    /// <summary>Stops the cluster and frees its log. Idempotent; see the remarks on the class.</summary>
    public void Dispose() => cluster.Dispose();

    private static unsafe nint CreateHost()
    {
        var error = stackalloc byte[ErrorBufferSize];
        var conf = MockClusterNative.ConfNew();
        foreach (var (name, value) in HostSettings)
        {
            if (MockClusterNative.ConfSet(conf, name, value, error, ErrorBufferSize) != MockClusterNative.ConfOk)
            {
                MockClusterNative.ConfDestroy(conf);
                throw new InvalidOperationException(
                    $"librdkafka rejected {name}={value}: {Marshal.PtrToStringUTF8((nint)error)}");
            }
        }

        var kafka = MockClusterNative.KafkaNew(MockClusterNative.ProducerType, conf, error, ErrorBufferSize);
        if (kafka == 0)
        {
            // rd_kafka_new takes ownership of the configuration only when it succeeds.
            MockClusterNative.ConfDestroy(conf);
            throw new InvalidOperationException(
                $"librdkafka could not create the mock cluster's host client: {Marshal.PtrToStringUTF8((nint)error)}");
        }

        return kafka;
    }

    private void CheckBrokerId(int brokerId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(brokerId, BrokerCount);
    }

    private static void ThrowIfError(int error, string action)
    {
        if (error != 0)
        {
            throw new KafkaException(new Error((ErrorCode)error, $"{action}: {MockClusterNative.Describe(error)}"));
        }
    }
}
