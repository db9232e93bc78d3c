using System.Runtime.InteropServices;

namespace CreatorStream.Kafka.Native;

/// <summary>
/// The librdkafka functions behind <see cref="Consuming.NativePoll"/>: a consumer's poll and what a consumed message
/// says (<c>rdkafka.h</c>, librdkafka 2.0.2 signatures). The getters only read the message and take no lock, so they skip
/// the runtime's transition to native code.
/// </summary>
internal static unsafe partial class ConsumerNative
{
    private const string Library = KafkaNative.LibraryFileName;

    /// <summary><c>RD_KAFKA_RESP_ERR__PARTITION_EOF</c>.</summary>
    internal const int PartitionEof = -191;

    /// <summary><c>RD_KAFKA_RESP_ERR__FATAL</c>: the client's fatal error says what happened (<see cref="FatalError"/>).</summary>
    internal const int Fatal = -150;

    /// <summary><c>RD_KAFKA_TIMESTAMP_NOT_AVAILABLE</c> in <c>rd_kafka_timestamp_type_t</c>.</summary>
    internal const int TimestampNotAvailable = 0;

    /// <summary>Serves the consumer's queue (rebalances and errors call their callbacks on this thread); null when none came in time.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_consumer_poll")]
    internal static partial Message* ConsumerPoll(nint kafka, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "rd_kafka_message_destroy")]
    internal static partial void MessageDestroy(Message* message);

    [LibraryImport(Library, EntryPoint = "rd_kafka_message_timestamp")]
    [SuppressGCTransition]
    internal static partial long MessageTimestamp(Message* message, int* type);

    /// <summary>The topic's name, owned by librdkafka (a NUL-terminated UTF-8 string).</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_name")]
    [SuppressGCTransition]
    internal static partial byte* TopicName(nint topic);

    /// <summary>A message's error as text, owned by the message.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_message_errstr")]
    internal static partial byte* MessageErrorString(Message* message);

    [LibraryImport(Library, EntryPoint = "rd_kafka_fatal_error")]
    internal static partial int FatalError(nint kafka, byte* errstr, nuint errstrSize);

    /// <summary><c>rd_kafka_message_t</c>, as librdkafka lays it out (a stable part of its ABI).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal readonly struct Message
    {
        /// <summary>Non-zero for an error; then <see cref="Payload"/> holds its text.</summary>
        public readonly int Error;
        public readonly nint Topic;
        public readonly int Partition;
        public readonly byte* Payload;
        public readonly nuint Length;
        public readonly byte* Key;
        public readonly nuint KeyLength;
        public readonly long Offset;
        private readonly nint _private;
    }
}
