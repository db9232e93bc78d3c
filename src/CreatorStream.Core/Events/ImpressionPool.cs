namespace CreatorStream.Core.Events;

/// <summary>
/// Decoded impressions given back by the brand task that observed them, for the pipeline's decoders to fill again
/// (docs/design.md, "Per-event cost"). An impression was a fifth of the bytes a replay allocated.
/// <para>
/// Only an impression that a decoder took from a pool (<see cref="Impression.Pool"/>) goes back to it
/// (<see cref="DecodedEvents.Release"/>), and only once nothing holds it: the brand task gives one back when it has
/// observed it (impressions are never judged) or dropped it as a repeated id, and no component keeps an event (they
/// keep its ids and numbers, and the decoder's shared strings); a worker's source stage gives back what it decoded
/// once the event's envelope is made, since the brand stage decodes its own from the envelope's bytes. An impression
/// made in code or read back from a snapshot has no pool. Engagements and clicks are not pooled: they wait for their
/// verdict, and were a tenth of the bytes the impressions were.
/// </para>
/// <para>
/// Thread-safe. Each thread takes from, and gives to, chunks of its own; whole chunks pass through a lock, once per
/// <see cref="ChunkSize"/> impressions. At most <see cref="MaxFullChunks"/> full chunks wait (about 3 MB); beyond
/// that, impressions given back are left to the collector.
/// </para>
/// </summary>
internal sealed class ImpressionPool
{
    /// <summary>Impressions a thread takes or gives before it next takes the lock.</summary>
    public const int ChunkSize = 256;

    /// <summary>
    /// Full chunks kept: 16,384 impressions. The pool only bridges the time between a brand task observing impressions
    /// and a decoder filling them again; impressions waiting for the watermark are in the brand tasks' queues, not here.
    /// </summary>
    public const int MaxFullChunks = 64;

    private readonly Lock _gate = new();
    private readonly Stack<Impression[]> _full = new();
    private readonly Stack<Impression[]> _empty = new();
    private readonly ThreadLocal<Chunks> _local = new(() => new Chunks());

    /// <summary>The pool of the pipeline's decoders (<see cref="Decoding.EventDecoder.RecyclesImpressions"/>).</summary>
    public static ImpressionPool Shared { get; } = new();

    private long _chunksReused;

    /// <summary>Full chunks taken by a decoder so far: impressions filled again, by the <see cref="ChunkSize"/>.</summary>
    internal long ChunksReused
    {
        get
        {
            lock (_gate)
            {
                return _chunksReused;
            }
        }
    }

    /// <summary>Full chunks waiting, for tests.</summary>
    internal int FullChunks
    {
        get
        {
            lock (_gate)
            {
                return _full.Count;
            }
        }
    }

    /// <summary>An impression to fill (<see cref="Impression.Reset"/>): one given back, or a new one of this pool.</summary>
    public Impression Rent()
    {
        var local = _local.Value!;
        if (local.Left == 0 && !TakeChunk(local))
        {
            var made = Impression.ForPool(this);
            made.Lent = true;
            return made;
        }

        var chunk = local.Taking!;
        var impression = chunk[--local.Left];
        chunk[local.Left] = null!;
        impression.Lent = true;
        return impression;
    }

    /// <summary>Gives back an impression of this pool that nothing reads any more.</summary>
    public void Return(Impression impression)
    {
        if (!ReferenceEquals(impression.Pool, this))
        {
            throw new ArgumentException("the impression is not from this pool", nameof(impression));
        }

        // Given back twice, an impression would be filled by two decoders at once: a wrong figure, not an error. So a
        // second return before it is lent again fails loudly instead (the batch fails, and is tried again from its
        // checkpoint). A check, not a proof: a stale return after the impression was lent again, or two threads
        // returning it at once, would pass it; one holder releases each event (DecodedEvents.Release).
        if (!impression.Lent)
        {
            throw new InvalidOperationException("the impression was given back already");
        }

        impression.Lent = false;

        var local = _local.Value!;
        var chunk = local.Giving ??= EmptyChunk();
        chunk[local.Given++] = impression;
        if (local.Given == ChunkSize)
        {
            lock (_gate)
            {
                if (_full.Count < MaxFullChunks)
                {
                    _full.Push(chunk);
                }
            }

            local.Giving = null;
            local.Given = 0;
        }
    }

    private bool TakeChunk(Chunks local)
    {
        lock (_gate)
        {
            if (local.Taking is { } spent && _empty.Count < MaxFullChunks)
            {
                _empty.Push(spent);
            }

            local.Taking = _full.TryPop(out var chunk) ? chunk : null;
            _chunksReused += chunk is null ? 0 : 1;
        }

        local.Left = local.Taking is null ? 0 : ChunkSize;
        return local.Taking is not null;
    }

    private Impression[] EmptyChunk()
    {
        lock (_gate)
        {
            if (_empty.TryPop(out var chunk))
            {
                return chunk;
            }
        }

        return new Impression[ChunkSize];
    }

    /// <summary>A thread's own chunks: the one it takes from, and the one it gives to.</summary>
    private sealed class Chunks
    {
        public Impression[]? Taking;
        public int Left; // impressions left in Taking, at its start
        public Impression[]? Giving;
        public int Given; // impressions in Giving, at its start
    }
}
