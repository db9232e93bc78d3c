namespace CreatorStream.Core.Events;

/// <summary>
/// Decoded audience events of one type given back by the stage that last held them, for the pipeline's decoders to
/// fill again (docs/design.md, "Per-event cost"). Impressions were a fifth of the bytes a replay allocated.
/// <para>
/// Only an event that a decoder took from a pool (<see cref="AudienceEvent.Pooling"/>) goes back to it
/// (<see cref="DecodedEvents.Release"/>), and only once nothing holds it: the brand task gives an impression back when
/// it has observed it (impressions are never judged), an engagement or a click when it has judged it, and any of them
/// at once when it repeats an id; no component keeps an event (they keep its ids and numbers, and the decoder's shared
/// strings). A worker's source stage gives back what it decoded once the event's envelope is made, since the brand
/// stage decodes its own from the envelope's bytes. An event made in code or read back from a snapshot has no pool.
/// </para>
/// <para>
/// Thread-safe. Each thread takes from, and gives to, chunks of its own; whole chunks pass through a lock, once per
/// <see cref="ChunkSize"/> events. At most <see cref="MaxFullChunks"/> full chunks wait (a few MB); beyond that,
/// events given back are left to the collector.
/// </para>
/// </summary>
internal sealed class AudienceEventPool<T>(Func<T> make) : IAudienceEventPool
    where T : AudienceEvent
{
    /// <summary>Events a thread takes or gives before it next takes the lock.</summary>
    public const int ChunkSize = 256;

    /// <summary>
    /// Full chunks kept: 16,384 events. The pool only bridges the time between a brand task releasing events and a
    /// decoder filling them again; events waiting for the watermark or their verdict are in the brand tasks' queues.
    /// </summary>
    public const int MaxFullChunks = 64;

    private readonly Lock _gate = new();
    private readonly Stack<T[]> _full = new();
    private readonly Stack<T[]> _empty = new();
    private readonly ThreadLocal<Chunks> _local = new(() => new Chunks());
    private long _chunksReused;

    /// <summary>Full chunks taken by a decoder so far: events filled again, by the <see cref="ChunkSize"/>.</summary>
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

    /// <summary>An event to fill (its type's <c>Reset</c>): one given back, or a new one of this pool.</summary>
    public T Rent()
    {
        var local = _local.Value!;
        T e;
        if (local.Left == 0 && !TakeChunk(local))
        {
            e = make();
        }
        else
        {
            var chunk = local.Taking!;
            e = chunk[--local.Left];
            chunk[local.Left] = null!;
        }

        e.Pooling = new PoolTag { Pool = this, Lent = true };
        return e;
    }

    /// <summary>Gives back an event of this pool that nothing reads any more.</summary>
    public void Return(AudienceEvent e)
    {
        if (!ReferenceEquals(e.Pooling.Pool, this) || e is not T item)
        {
            throw new ArgumentException("the event is not from this pool", nameof(e));
        }

        // Given back twice, an event would be filled by two decoders at once: a wrong figure, not an error. So a
        // second return before it is lent again fails loudly instead (the batch fails, and is tried again from its
        // checkpoint). A check, not a proof: a stale return after the event was lent again, or two threads returning
        // it at once, would pass it; one holder releases each event (DecodedEvents.Release).
        if (!e.Pooling.Lent)
        {
            throw new InvalidOperationException("the event was given back already");
        }

        e.Pooling.Lent = false;
        var local = _local.Value!;
        var chunk = local.Giving ??= EmptyChunk();
        chunk[local.Given++] = item;
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

    private T[] EmptyChunk()
    {
        lock (_gate)
        {
            if (_empty.TryPop(out var chunk))
            {
                return chunk;
            }
        }

        return new T[ChunkSize];
    }

    /// <summary>A thread's own chunks: the one it takes from, and the one it gives to.</summary>
    private sealed class Chunks
    {
        public T[]? Taking;
        public int Left; // events left in Taking, at its start
        public T[]? Giving;
        public int Given; // events in Giving, at its start
    }
}
