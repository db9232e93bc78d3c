using System.Runtime.CompilerServices;
using CreatorStream.Core.Snapshots;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// An account's last <see cref="Capacity"/> event times, for the burst and regularity signals (<see cref="UserState"/>).
/// There is one for every engaging user, so the times are kept as 32-bit ages behind the newest (56 bytes where eight
/// longs took 72; docs/benchmarks.md, session 39) while they span at most <see cref="CompactSpanMs"/> (49.7 days). An
/// account whose times spread wider (a time judged long after its account's newest, which an idle partition's late
/// records can bring, or a user active for months) keeps them as longs from then on: every time is exact either way,
/// and reads as the ring of longs it replaced. Slots from <see cref="Count"/> on are unused. A mutable struct held in its
/// account: change it through the field, never a copy. Not thread-safe.
/// </summary>
internal struct RecentTimes
{
    public const int Capacity = 8; // bursts need 6 and regularity 6 events: a few more smooth out disorder

    /// <summary>The widest spread of times the compact form holds: the largest 32-bit age.</summary>
    public const long CompactSpanMs = uint.MaxValue;

    private Ages _ages; // behind _newest, while _wide is null
    private long _newest;
    private long[]? _wide; // the times themselves, once they spread wider than CompactSpanMs
    private int _next;

    public int Count { get; private set; }

    /// <summary>Whether the times are kept as longs (they once spread wider than <see cref="CompactSpanMs"/>), for tests.</summary>
    public readonly bool IsWide => _wide is not null;

    /// <summary>Time <paramref name="i"/> (below <see cref="Count"/>).</summary>
    public readonly long this[int i] => _wide is { } wide ? wide[i] : _newest - _ages[i];

    public void Record(long ts)
    {
        if (_wide is null && !Fits(ts))
        {
            var exact = new long[Capacity];
            for (var i = 0; i < Count; i++)
            {
                exact[i] = this[i]; // read from the ages, before the times are wide
            }

            _wide = exact;
        }

        if (_wide is { } wide)
        {
            wide[_next] = ts;
        }
        else
        {
            if (Count == 0 || ts > _newest)
            {
                var shift = Count == 0 ? 0 : ts - _newest;
                for (var i = 0; i < Count; i++)
                {
                    _ages[i] = (uint)(_ages[i] + shift); // within the span: Fits checked the oldest
                }

                _newest = ts;
            }

            _ages[_next] = (uint)(_newest - ts);
        }

        _next = (_next + 1) % Capacity;
        Count = Math.Min(Count + 1, Capacity);
    }

    /// <summary>Times at or after <paramref name="since"/>.</summary>
    public readonly int CountSince(long since)
    {
        var count = 0;
        for (var i = 0; i < Count; i++)
        {
            if (this[i] >= since)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Copies the times at or after <paramref name="since"/> into <paramref name="into"/> (room for <see cref="Capacity"/>); returns how many.</summary>
    public readonly int CopySince(long since, Span<long> into)
    {
        var n = 0;
        for (var i = 0; i < Count; i++)
        {
            if (this[i] >= since)
            {
                into[n++] = this[i];
            }
        }

        return n;
    }

    /// <summary>Writes the ring as it was always written: the <see cref="Capacity"/> slots as longs (unused ones 0), the count, the next slot.</summary>
    public readonly void Save(SnapshotWriter writer)
    {
        for (var i = 0; i < Capacity; i++)
        {
            writer.Write(i < Count ? this[i] : 0);
        }

        writer.Write(Count);
        writer.Write(_next);
    }

    public static RecentTimes Load(SnapshotReader reader)
    {
        Span<long> slots = stackalloc long[Capacity];
        for (var i = 0; i < Capacity; i++)
        {
            slots[i] = reader.Long();
        }

        var times = new RecentTimes();
        var count = reader.Int();
        var next = reader.Int();
        for (var i = 0; i < count; i++)
        {
            times.Record(slots[i]); // compact, or wide when they spread wider: the slots land where they were
        }

        times._next = next;
        return times;
    }

    // Whether ts and every time held fit one compact span behind the newer of ts and the newest.
    private readonly bool Fits(long ts)
    {
        if (Count == 0)
        {
            return true;
        }

        var oldest = Math.Min(ts, this[OldestSlot()]);
        return Math.Max(ts, _newest) - oldest <= CompactSpanMs;
    }

    private readonly int OldestSlot()
    {
        var oldest = 0;
        for (var i = 1; i < Count; i++)
        {
            oldest = _ages[i] > _ages[oldest] ? i : oldest;
        }

        return oldest;
    }

    [InlineArray(Capacity)]
    private struct Ages
    {
        private uint _first;
    }
}
