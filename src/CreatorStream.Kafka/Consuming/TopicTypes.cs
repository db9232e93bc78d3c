using Confluent.Kafka;
using CreatorStream.Core.Events;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Kafka.Consuming;

/// <summary>Which event type each ingest topic carries, and back.</summary>
public static class TopicTypes
{
    public static string TopicOf(EventType type) => type switch
    {
        EventType.Impression => Topics.Impressions,
        EventType.Engagement => Topics.Engagements,
        EventType.Click => Topics.Clicks,
        EventType.Conversion => Topics.Conversions,
        EventType.LeadUpdate => Topics.LeadUpdates,
        EventType.Session => Topics.Sessions,
        EventType.Insight => Topics.Insights,
        _ => Topics.Posts,
    };

    /// <summary>The event type of an ingest topic, and its interned name (so records share one string).</summary>
    public static (EventType Type, string Topic)? Of(string topic) => topic switch
    {
        Topics.Impressions => (EventType.Impression, Topics.Impressions),
        Topics.Engagements => (EventType.Engagement, Topics.Engagements),
        Topics.Clicks => (EventType.Click, Topics.Clicks),
        Topics.Conversions => (EventType.Conversion, Topics.Conversions),
        Topics.LeadUpdates => (EventType.LeadUpdate, Topics.LeadUpdates),
        Topics.Sessions => (EventType.Session, Topics.Sessions),
        Topics.Posts => (EventType.Post, Topics.Posts),
        Topics.Insights => (EventType.Insight, Topics.Insights),
        _ => null,
    };

    /// <summary>The one string every record of <paramref name="topic"/> shares: an ingest topic's or the brand topic's constant, else the name itself.</summary>
    public static string Interned(string topic) => Of(topic)?.Topic ?? (topic == Topics.ByBrand ? Topics.ByBrand : topic);

    /// <summary>
    /// A consumed message as the tasks take it, with the log's timestamp: an ingest topic's with its event type, the brand
    /// topic's without (its envelope says what it holds); null for any other topic.
    /// </summary>
    public static InboundRecord? ToRecord(ConsumeResult<byte[], byte[]> result) => ToRecord(result, result.Topic);

    /// <summary>As <see cref="ToRecord(ConsumeResult{byte[], byte[]})"/>, for a message of <paramref name="topic"/> (a consumer of one topic reads without each message's topic name).</summary>
    public static InboundRecord? ToRecord(ConsumeResult<byte[], byte[]> result, string topic) =>
        ToRecord(topic, result.Partition.Value, result.Offset.Value, result.Message.Key ?? [], result.Message.Value ?? [], WrittenAt(result.Message.Timestamp));

    /// <summary>As <see cref="ToRecord(ConsumeResult{byte[], byte[]}, string)"/>, for a message whose key and value were lent (<see cref="RecordBytes"/>).</summary>
    public static InboundRecord? ToRecord(ConsumeResult<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>> result, string topic) =>
        ToRecord(topic, result.Partition.Value, result.Offset.Value, result.Message.Key, result.Message.Value, WrittenAt(result.Message.Timestamp));

    /// <summary>As <see cref="ToRecord(ConsumeResult{byte[], byte[]}, string)"/>, for a message read field by field (<see cref="NativePoll"/>); <paramref name="writtenAtMs"/> null when the log gave no timestamp.</summary>
    public static InboundRecord? ToRecord(string topic, int partition, long offset, ReadOnlyMemory<byte> key, ReadOnlyMemory<byte> value, long? writtenAtMs)
    {
        (EventType? Type, string Topic)? mapping = Of(topic) is { } ingest ? (ingest.Type, ingest.Topic)
            : topic == Topics.ByBrand ? (null, Topics.ByBrand)
            : null;
        return mapping is { } m
            ? new InboundRecord(
                new SourcePartition(m.Topic, partition),
                offset,
                m.Type,
                key,
                value,
                writtenAtMs)
            : null;
    }

    private static long? WrittenAt(Timestamp timestamp) => timestamp.Type == TimestampType.NotAvailable ? null : timestamp.UnixTimestampMs;
}
