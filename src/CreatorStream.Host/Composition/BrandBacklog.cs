namespace CreatorStream.Host.Composition;

/// <summary>
/// How far the brand stage is behind what this worker's source stage has written to the brand topic, per brand
/// partition: the newest offset delivered (from the producer's reports), plus the records sent and not yet reported,
/// against the brand group's committed offset.
/// The source stage holds back while a partition has more than <see cref="MaxAhead"/> records unread, so the brand
/// topic never holds more unread records than its retention keeps (the embedded broker keeps 5 MiB a partition:
/// beyond it records are dropped before they are read; docs/benchmarks.md, session 13). The committed offsets are
/// read from Kafka and may be seconds old (auto-commit), which only makes the hold start earlier. Thread-safe: reports
/// arrive on the producer's poll thread, the hold runs on the consume thread.
/// </summary>
internal sealed class BrandBacklog
{
    private readonly long[] _delivered;
    private readonly long[] _committed;
    private readonly long[] _pending;

    /// <param name="partitions">The brand topic's partitions.</param>
    /// <param name="maxAhead">Unread records a partition may hold before the source stage waits.</param>
    public BrandBacklog(int partitions, long maxAhead)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAhead, 1);
        _delivered = new long[partitions];
        _committed = new long[partitions];
        _pending = new long[partitions];
        MaxAhead = maxAhead;
    }

    public long MaxAhead { get; }

    public int Partitions => _delivered.Length;

    /// <summary>A record is being sent to <paramref name="partition"/>; its report must reach <see cref="Delivered"/> or <see cref="Failed"/>.</summary>
    public void Sending(int partition) => Interlocked.Increment(ref _pending[partition]);

    /// <summary>A record sent could not be written.</summary>
    public void Failed(int partition) => Interlocked.Decrement(ref _pending[partition]);

    /// <summary>A record sent was written at <paramref name="offset"/> of <paramref name="partition"/>.</summary>
    public void Delivered(int partition, long offset)
    {
        Interlocked.Decrement(ref _pending[partition]);
        var next = offset + 1;
        var seen = Volatile.Read(ref _delivered[partition]);
        while (next > seen)
        {
            var was = Interlocked.CompareExchange(ref _delivered[partition], next, seen);
            if (was == seen)
            {
                return;
            }

            seen = was;
        }
    }

    /// <summary>The brand group's committed next offset of <paramref name="partition"/>; negative (none yet) counts as the log's first.</summary>
    public void Committed(int partition, long next) => Volatile.Write(ref _committed[partition], Math.Max(0, next));

    /// <summary>The partition with the most unread records and how many, when that is more than <see cref="MaxAhead"/>; else null.</summary>
    public (int Partition, long Unread)? Over()
    {
        (int Partition, long Unread)? worst = null;
        for (var p = 0; p < _delivered.Length; p++)
        {
            var unread = Volatile.Read(ref _delivered[p]) + Math.Max(0, Volatile.Read(ref _pending[p])) - Volatile.Read(ref _committed[p]);
            if (unread > MaxAhead && (worst is null || unread > worst.Value.Unread))
            {
                worst = (p, unread);
            }
        }

        return worst;
    }
}
