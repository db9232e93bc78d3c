using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Runtime.CompilerServices;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Kafka.Consuming;

/// <summary>
/// Consumer lag per assigned partition: the partition's high watermark (librdkafka's cached value, refreshed by every
/// fetch) minus the next offset durable in the state store. Written by the consume thread, read by readiness and the
/// metrics scrape. Thread-safe.
/// </summary>
public sealed class ConsumerLag
{
    // Every table alive in the process, for the one gauge (a weak table: a pipeline that is gone drops out by itself).
    private static readonly ConditionalWeakTable<ConsumerLag, object?> Live = [];

    private readonly ConcurrentDictionary<SourcePartition, long> _lag = new();

    public ConsumerLag() => Live.Add(this, null);

    /// <summary>The lag of each assigned partition whose high watermark is known.</summary>
    public IReadOnlyDictionary<SourcePartition, long> Current => _lag;

    /// <summary>The largest lag over the assigned partitions (0 with none), and where.</summary>
    public (long Records, SourcePartition? Partition) Max()
    {
        var max = (Records: 0L, Partition: (SourcePartition?)null);
        foreach (var (partition, lag) in _lag)
        {
            if (lag > max.Records)
            {
                max = (lag, partition);
            }
        }

        return max;
    }

    public void Set(SourcePartition partition, long records) => _lag[partition] = Math.Max(0, records);

    public void Remove(SourcePartition partition) => _lag.TryRemove(partition, out _);

    public void Clear() => _lag.Clear();

    internal static IEnumerable<Measurement<long>> Observe()
    {
        foreach (var (table, _) in Live)
        {
            foreach (var (partition, lag) in table._lag)
            {
                yield return new Measurement<long>(
                    lag,
                    new KeyValuePair<string, object?>("topic", partition.Topic),
                    new KeyValuePair<string, object?>("partition", partition.Partition.ToString(CultureInfo.InvariantCulture)));
            }
        }
    }
}
