using Confluent.Kafka;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Recovery;
using Microsoft.Extensions.Logging;

namespace CreatorStream.Kafka.Consuming;

/// <summary>
/// Re-reads partitions from given offsets with a consumer outside the group (assigned, never committing), so a task can
/// rebuild the state its partition's records made after its snapshot (docs/design.md, "Recovery").
/// </summary>
public sealed class KafkaPartitionHistory(KafkaClientSettings settings, ILogger<KafkaPartitionHistory> logger) : IPartitionHistory
{
    /// <summary>Records per restore batch.</summary>
    public const int BatchRecords = 4_096;

    /// <summary>Value bytes past which a restore batch ends: the brand topic's records are frames of up to 64 KiB each (decision 0034).</summary>
    public const int BatchBytes = 4 * 1024 * 1024;

    /// <summary>Longest a rebuild may take before the worker gives up (and restarts): bounds a stuck broker.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private long _truncated;

    public long TruncatedPartitions => Interlocked.Read(ref _truncated);

    public IEnumerable<RecordBatch> Read(IReadOnlyDictionary<SourcePartition, long> from, IReadOnlyDictionary<SourcePartition, long> until, long wallClockMs, CancellationToken cancellationToken)
    {
        var start = until.ToDictionary(p => new TopicPartition(p.Key.Topic, p.Key.Partition), p => from.GetValueOrDefault(p.Key));
        var wanted = until.Where(p => p.Value > from.GetValueOrDefault(p.Key)).ToDictionary(p => new TopicPartition(p.Key.Topic, p.Key.Partition), p => p.Value);
        if (wanted.Count == 0)
        {
            yield break;
        }

        var config = settings.Consumer($"creatorstream-restore-{Guid.NewGuid():N}", $"creatorstream-restore-{Environment.ProcessId}");
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        foreach (var (partition, _) in wanted)
        {
            var low = consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(30)).Low.Value;
            if (low > start[partition])
            {
                Interlocked.Increment(ref _truncated);
                logger.LogError(
                    "{Topic}[{Partition}] starts at offset {Low}, after {From}: records are gone from the log (retention), so the state they made cannot be rebuilt; stored figures are intact",
                    partition.Topic,
                    partition.Partition.Value,
                    low,
                    start[partition]);
            }
        }

        consumer.Assign(wanted.Keys.Select(tp => new TopicPartitionOffset(tp, new Offset(start[tp]))));
        var remaining = new HashSet<TopicPartition>(wanted.Keys);
        var batch = new List<InboundRecord>(BatchRecords);
        long bytes = 0;
        var deadline = DateTime.UtcNow + Timeout;
        while (remaining.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"rebuilding state: {remaining.Count} partitions not read to their stored offsets within {Timeout}");
            }

            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is null || !remaining.Contains(result.TopicPartition) || TopicTypes.ToRecord(result) is not { } record)
            {
                continue;
            }

            var end = wanted[result.TopicPartition];
            if (record.Offset < end)
            {
                batch.Add(record);
                bytes += record.Value.Length;
            }

            if (result.Offset.Value >= end - 1)
            {
                remaining.Remove(result.TopicPartition);
                consumer.Pause([result.TopicPartition]);
            }

            if (batch.Count >= BatchRecords || bytes >= BatchBytes)
            {
                yield return new RecordBatch(batch, wallClockMs) { IsRestore = true };
                batch = new List<InboundRecord>(BatchRecords);
                bytes = 0;
            }
        }

        if (batch.Count > 0)
        {
            yield return new RecordBatch(batch, wallClockMs) { IsRestore = true };
        }

        consumer.Close();
    }
}
