namespace CreatorStream.Host.Composition;

/// <summary>
/// How far the brand stage is behind what this worker's source stage has written to the brand topic, per brand
/// partition, two ways. In records: those in this worker's frames sent and not yet reported, and those in its frames
/// written at offsets the brand group has not committed; a frame holds many records (<see cref="Core.Dataflow.BrandFrame"/>),
/// so the brand topic's offsets count frames, and each frame's records are kept here with its offset until a commit
/// passes it. And in frames, every worker's: the newest offset delivered to this worker, plus its frames sent and not
/// yet reported, against the brand group's committed offset (other workers' frames below this worker's newest count).
/// The source stage holds back while a partition has more than <see cref="MaxAhead"/> records or
/// <see cref="MaxFramesAhead"/> frames unread, so the brand topic never holds more unread records than its retention
/// keeps (the embedded broker keeps 5 MiB a partition: beyond it records are dropped before they are read;
/// docs/benchmarks.md, session 13): the records bound what one worker sends, the frames (64 KiB at most each) what all
/// of them do. The committed offsets are read from Kafka and may be seconds old (auto-commit), which only makes the
/// hold start earlier. Frames are kept until the hold reads a commit past them, so at most the limit's worth (and one
/// batch). Thread-safe: reports arrive on the producer's poll thread, sending and the hold run on the consume thread.
/// </summary>
internal sealed class BrandBacklog
{
    private readonly Lock _gate = new();
    private readonly long[] _pending;
    private readonly long[] _unread;
    private readonly long[] _committed;
    private readonly List<(long Offset, int Records)>[] _written;
    private readonly long[] _newest;
    private readonly long[] _pendingFrames;

    /// <param name="partitions">The brand topic's partitions.</param>
    /// <param name="maxAhead">Unread records of this worker's a partition may hold before the source stage waits.</param>
    /// <param name="maxFramesAhead">Unread frames of any worker's a partition may hold before the source stage waits.</param>
    public BrandBacklog(int partitions, long maxAhead, long maxFramesAhead = long.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAhead, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFramesAhead, 1);
        _newest = new long[partitions];
        _pendingFrames = new long[partitions];
        _pending = new long[partitions];
        _unread = new long[partitions];
        _committed = new long[partitions];
        _written = new List<(long, int)>[partitions];
        for (var p = 0; p < partitions; p++)
        {
            _written[p] = [];
        }

        MaxAhead = maxAhead;
        MaxFramesAhead = maxFramesAhead;
    }

    public long MaxAhead { get; }

    public long MaxFramesAhead { get; }

    public int Partitions => _pending.Length;

    /// <summary>A frame of <paramref name="records"/> records is being sent to <paramref name="partition"/>; its report must reach <see cref="Delivered"/> or <see cref="Failed"/>.</summary>
    public void Sending(int partition, int records)
    {
        lock (_gate)
        {
            _pending[partition] += records;
            _pendingFrames[partition]++;
        }
    }

    /// <summary>A frame sent could not be written.</summary>
    public void Failed(int partition, int records)
    {
        lock (_gate)
        {
            _pending[partition] -= records;
            _pendingFrames[partition]--;
        }
    }

    /// <summary>A frame of <paramref name="records"/> records sent was written at <paramref name="offset"/> of <paramref name="partition"/>.</summary>
    public void Delivered(int partition, long offset, int records)
    {
        lock (_gate)
        {
            _pending[partition] -= records;
            _pendingFrames[partition]--;
            _newest[partition] = Math.Max(_newest[partition], offset + 1);
            if (offset >= _committed[partition])
            {
                _written[partition].Add((offset, records));
                _unread[partition] += records;
            }
        }
    }

    /// <summary>
    /// The brand group's committed next offset of <paramref name="partition"/>, from Kafka or from this worker's brand
    /// stage (<see cref="BrandProgress"/>, ahead of Kafka's by its auto-commit); negative (none yet) counts as the log's
    /// first. It never moves back: an older report than one already told changes nothing.
    /// </summary>
    public void Committed(int partition, long next)
    {
        lock (_gate)
        {
            next = Math.Max(_committed[partition], next);
            _committed[partition] = next;
            var written = _written[partition];
            var kept = 0;
            for (var i = 0; i < written.Count; i++)
            {
                if (written[i].Offset < next)
                {
                    _unread[partition] -= written[i].Records; // read and committed
                }
                else
                {
                    written[kept++] = written[i];
                }
            }

            written.RemoveRange(kept, written.Count - kept);
        }
    }

    /// <summary>
    /// The partition furthest past a limit, with its unread records (this worker's) and frames (every worker's), when one
    /// has more than <see cref="MaxAhead"/> records or <see cref="MaxFramesAhead"/> frames unread; else null.
    /// </summary>
    public (int Partition, long Unread, long Frames)? Over()
    {
        (int Partition, long Unread, long Frames)? worst = null;
        double worstShare = 0;
        lock (_gate)
        {
            for (var p = 0; p < _pending.Length; p++)
            {
                var unread = _unread[p] + Math.Max(0, _pending[p]);
                var frames = _newest[p] + Math.Max(0, _pendingFrames[p]) - _committed[p];
                var share = Math.Max((double)unread / MaxAhead, (double)frames / MaxFramesAhead);
                if ((unread > MaxAhead || frames > MaxFramesAhead) && share > worstShare)
                {
                    (worst, worstShare) = ((p, unread, frames), share);
                }
            }
        }

        return worst;
    }
}
