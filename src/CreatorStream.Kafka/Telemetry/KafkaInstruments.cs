using System.Diagnostics.Metrics;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Processing.Telemetry;

namespace CreatorStream.Kafka.Telemetry;

/// <summary>
/// Instruments of the Kafka edge: records in per ingest topic, records out per output topic, dead letters by reason,
/// stage and source topic, and consumer lag per partition (labels: topics and partitions only, see <see cref="StreamMeter"/>).
/// </summary>
public static class KafkaInstruments
{
    public static Counter<long> RecordsIn { get; } = StreamMeter.Meter.CreateCounter<long>(
        "creatorstream_kafka_records_in_total",
        unit: "{record}",
        description: "Records consumed from the ingest topics, by topic (a record re-read after a restart counts again).");

    public static Counter<long> RecordsOut { get; } = StreamMeter.Meter.CreateCounter<long>(
        "creatorstream_kafka_records_out_total",
        unit: "{record}",
        description: "Records acknowledged by Kafka on the output topics (alerts, metrics, dead letters), by topic.");

    public static Counter<long> DeadLetters { get; } = StreamMeter.Meter.CreateCounter<long>(
        "creatorstream_dead_letters_total",
        unit: "{record}",
        description: "Records written to the dead-letter topic, by reason code, stage and source topic.");

    public static Counter<long> SkippedRecords { get; } = StreamMeter.Meter.CreateCounter<long>(
        "creatorstream_kafka_skipped_records_total",
        unit: "{record}",
        description: "Records of a topic without holes (the brand topic) skipped because they were gone from the log before they were read, by topic and partition: data lost to retention.");

    public static ObservableGauge<long> Lag { get; } = StreamMeter.Meter.CreateObservableGauge(
        "creatorstream_kafka_consumer_lag",
        ConsumerLag.Observe,
        unit: "{record}",
        description: "Per assigned partition: the high watermark minus the next offset durable in the state store (records not yet committed).");

    /// <summary>Counts a batch's records per topic (a few additions per batch, not one per record).</summary>
    public static void CountIn(IReadOnlyList<InboundRecord> records)
    {
        Span<long> perTopic = stackalloc long[Topics.Ingest.Count];
        foreach (var record in records)
        {
            var type = record.TypeHint;
            if (type is { } known)
            {
                perTopic[(int)known]++;
            }
        }

        for (var i = 0; i < perTopic.Length; i++)
        {
            if (perTopic[i] > 0)
            {
                RecordsIn.Add(perTopic[i], new KeyValuePair<string, object?>("topic", TopicTypes.TopicOf((Core.Events.EventType)i)));
            }
        }
    }

    public static void CountOut(string topic, int records)
    {
        if (records > 0)
        {
            RecordsOut.Add(records, new KeyValuePair<string, object?>("topic", topic));
        }
    }

    public static void CountDeadLetters(IReadOnlyList<DeadLetter> letters)
    {
        CountOut(Topics.DeadLetters, letters.Count);
        foreach (var letter in letters)
        {
            DeadLetters.Add(
                1,
                new KeyValuePair<string, object?>("reason", DeadLetterReasons.Code(letter.Reason)),
                new KeyValuePair<string, object?>("stage", DeadLetterReasons.Code(letter.Stage)),
                new KeyValuePair<string, object?>("topic", letter.Record.Source.Topic));
        }
    }
}
