using System.Runtime.InteropServices;

namespace CreatorStream.Kafka.Native;

/// <summary>
/// The librdkafka functions behind <see cref="Consuming.NativePoll"/>: a consumer's poll, what a consumed message
/// says, and storing offsets (<c>rdkafka.h</c>, librdkafka 2.0.2 signatures). The getters only read the message and
/// take no lock, so they skip the runtime's transition to native code.
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

    /// <summary>An empty partition list with room for <paramref name="size"/>; freed with <see cref="PartitionListDestroy"/>.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_new")]
    internal static partial PartitionList* PartitionListNew(int size);

    /// <summary>Adds a partition (the topic's name is copied) and returns its element, whose offset the caller sets.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_add")]
    internal static partial TopicPartition* PartitionListAdd(PartitionList* list, byte* topic, int partition);

    [LibraryImport(Library, EntryPoint = "rd_kafka_topic_partition_list_destroy")]
    internal static partial void PartitionListDestroy(PartitionList* list);

    /// <summary>
    /// Stores each element's offset for the consumer's next commit; an element it refuses (a partition no longer
    /// assigned) gets its error, the others are stored. Returns an error when none could be.
    /// </summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_offsets_store")]
    internal static partial int OffsetsStore(nint kafka, PartitionList* offsets);

    /// <summary>An error code's text, owned by librdkafka.</summary>
    [LibraryImport(Library, EntryPoint = "rd_kafka_err2str")]
    internal static partial byte* ErrorText(int error);

    /// <summary><c>rd_kafka_topic_partition_t</c>, as librdkafka lays it out (a stable part of its ABI).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct TopicPartition
    {
        public byte* Topic;
        public int Partition;
        public long Offset;
        public nint Metadata;
        public nuint MetadataSize;
        public nint Opaque;
        public int Error;
        private nint _private;
    }

    /// <summary><c>rd_kafka_topic_partition_list_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal readonly struct PartitionList
    {
        public readonly int Count;
        public readonly int Size;
        public readonly TopicPartition* Elements;
    }

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
