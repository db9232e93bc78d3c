using System.Runtime.InteropServices;
using CreatorStream.Kafka.Native;

namespace CreatorStream.Kafka.Embedded;

/// <summary>
/// The librdkafka functions behind <see cref="EmbeddedBroker"/>: client construction from
/// <c>rdkafka.h</c> and the mock cluster from <c>rdkafka_mock.h</c> (librdkafka 2.0.2 signatures).
/// </summary>
/// <remarks>
/// <c>rd_kafka_resp_err_t</c> and <c>rd_kafka_conf_res_t</c> are C enums, so <see cref="int"/>;
/// <c>size_t</c> is <see cref="nuint"/>. Functions returning <c>const char*</c> return
/// <see cref="nint"/>: the strings belong to librdkafka, and a string marshaller would free them.
/// The mock API is marked experimental upstream (no ABI guarantee), which is one more reason the
/// library version is pinned by the operating system package (docs/design.md, "Environment").
/// </remarks>
internal static partial class MockClusterNative
{
    private const string Library = KafkaNative.LibraryFileName;

    /// <summary><c>RD_KAFKA_PRODUCER</c> in <c>rd_kafka_type_t</c>.</summary>
    internal const int ProducerType = 0;

    /// <summary><c>RD_KAFKA_CONF_OK</c> in <c>rd_kafka_conf_res_t</c>.</summary>
    internal const int ConfOk = 0;

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_new")]
    internal static partial nint ConfNew();

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_set", StringMarshalling = StringMarshalling.Utf8)]
    internal static unsafe partial int ConfSet(nint conf, string name, string value, byte* errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_conf_destroy")]
    internal static partial void ConfDestroy(nint conf);

    /// <summary>Takes ownership of <paramref name="conf"/> only when it returns a handle.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_new")]
    internal static unsafe partial nint KafkaNew(int type, nint conf, byte* errstr, nuint errstrSize);

    [LibraryImport(Library, EntryPoint = "rd_kafka_destroy")]
    internal static partial void KafkaDestroy(nint kafka);

    [LibraryImport(Library, EntryPoint = "rd_kafka_err2str")]
    internal static partial nint ErrorToString(int error);

    /// <summary>Returns 0 on failure; the reason goes to <paramref name="kafka"/>'s log.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_new")]
    internal static partial nint ClusterNew(nint kafka, int brokerCount);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_destroy")]
    internal static partial void ClusterDestroy(nint cluster);

    /// <summary>The string lives as long as the cluster.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_cluster_bootstraps")]
    internal static partial nint ClusterBootstraps(MockClusterHandle cluster);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_topic_create", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int TopicCreate(MockClusterHandle cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_down")]
    internal static partial int BrokerSetDown(MockClusterHandle cluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_up")]
    internal static partial int BrokerSetUp(MockClusterHandle cluster, int brokerId);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_set_rtt")]
    internal static partial int BrokerSetRtt(MockClusterHandle cluster, int brokerId, int rttMilliseconds);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_push_request_errors_array")]
    internal static partial void PushRequestErrors(MockClusterHandle cluster, short apiKey, nuint count, int[] errors);

    // Variadic in C (cnt pairs of error code and round-trip time). One pair per call fits the Linux x86-64 and arm64 register
    // conventions for integer arguments, so it is bound with a fixed signature and called once per error.
    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_broker_push_request_error_rtts")]
    internal static partial int BrokerPushRequestError(MockClusterHandle cluster, int brokerId, short apiKey, nuint count, int error, int rttMilliseconds);

    [LibraryImport(Library, EntryPoint = "rd_kafka_mock_clear_request_errors")]
    internal static partial void ClearRequestErrors(MockClusterHandle cluster, short apiKey);

    /// <summary>librdkafka's text for an error code, e.g. "Broker: Topic already exists".</summary>
    internal static string Describe(int error) =>
        Marshal.PtrToStringUTF8(ErrorToString(error)) ?? $"librdkafka error {error}";
}
