using CreatorStream.Core.Events;
using CreatorStream.Core.Sketches;

namespace CreatorStream.Core.Metrics;

/// <summary>The state of one aggregate: counts, a reach sketch and freshness. Mutable; not thread-safe.</summary>
public sealed class Aggregate
{
    public Counters Counters;

    public HyperLogLog Reach { get; private init; }

    public Aggregate()
    {
        Reach = new HyperLogLog();
    }

    /// <summary>
    /// An aggregate whose reach sketch's arrays are lent by <paramref name="arrays"/> (a window tracker's minutes, the memory
    /// store's minute buckets), and given back by <see cref="GiveBack"/>.
    /// </summary>
    public Aggregate(SketchArrays arrays)
    {
        Reach = new HyperLogLog(arrays);
    }

    /// <summary>
    /// Gives the reach sketch's arrays back to their lender, leaving the sketch empty: for an owner done with this
    /// aggregate (nothing may read it after). Does nothing for a sketch with no lender.
    /// </summary>
    public void GiveBack() => Reach.GiveBack();

    /// <summary>Whether <see cref="Clear"/> can empty it: its sketch's arrays are lent (not one restored from a snapshot, say).</summary>
    public bool Clearable => Reach.IsLent;

    /// <summary>
    /// Empties the aggregate, as new, for the owner that made it with <see cref="Aggregate(SketchArrays)"/> to use again
    /// (a window tracker's minute that went, a memory store's minute past its retention): the sketch's arrays go back to
    /// their lender. Nothing may read it meanwhile.
    /// </summary>
    /// <exception cref="InvalidOperationException">The sketch's arrays are not lent, so it could not be emptied (<see cref="Clearable"/>).</exception>
    public void Clear()
    {
        if (!Clearable)
        {
            throw new InvalidOperationException("only an aggregate whose sketch's arrays are lent can be cleared");
        }

        Reach.GiveBack();
        Counters = default;
        (FirstEventTs, LastEventTs, UpdatedAtMs, CorrectedAtMs, Format) = (null, null, null, null, null);
    }

    /// <summary>Earliest event time that touched this aggregate (ms), or null: for a post, about when it went up.</summary>
    public long? FirstEventTs { get; private set; }

    /// <summary>Latest event time that touched this aggregate (ms), or null.</summary>
    public long? LastEventTs { get; private set; }

    /// <summary>Wall-clock time (ms) this aggregate last changed: the freshness the dashboard shows.</summary>
    public long? UpdatedAtMs { get; private set; }

    /// <summary>
    /// For a one-minute bucket: wall-clock time (ms) of the last change that arrived after the watermark had passed
    /// its end, i.e. a late event correcting a closed window; null if it was never corrected.
    /// </summary>
    public long? CorrectedAtMs { get; private set; }

    /// <summary>The post's format, known once an impression of it has been seen (content scope only).</summary>
    public ContentFormat? Format { get; private set; }

    public void Apply(AggregateDelta delta, long nowMs)
    {
        Counters.Add(delta.Counters);
        foreach (var hash in delta.UserHashes.AsSpan())
        {
            Reach.Add(hash);
        }

        if (delta.LastEventTs > (LastEventTs ?? long.MinValue))
        {
            LastEventTs = delta.LastEventTs;
        }

        if (delta.FirstEventTs < (FirstEventTs ?? long.MaxValue))
        {
            FirstEventTs = delta.FirstEventTs;
        }

        Format ??= delta.Format;
        UpdatedAtMs = nowMs;
    }

    public void MarkCorrected(long nowMs) => CorrectedAtMs = nowMs;

    /// <summary>An aggregate as a store persisted it (the Redis store reads its fields back into one).</summary>
    public static Aggregate Restore(in Counters counters, HyperLogLog reach, long? firstEventTs, long? lastEventTs, long? updatedAtMs, long? correctedAtMs, ContentFormat? format) =>
        new()
        {
            Counters = counters,
            Reach = reach,
            FirstEventTs = firstEventTs,
            LastEventTs = lastEventTs,
            UpdatedAtMs = updatedAtMs,
            CorrectedAtMs = correctedAtMs,
            Format = format,
        };

    /// <summary>An independent copy (its own sketch): what a store hands a reader that keeps it.</summary>
    public Aggregate Copy() => Restore(Counters, Reach.Clone(), FirstEventTs, LastEventTs, UpdatedAtMs, CorrectedAtMs, Format);

    /// <summary>Adds another aggregate into this one (a rolling view over several buckets).</summary>
    public void MergeFrom(Aggregate other)
    {
        Counters.Add(other.Counters);
        Reach.Merge(other.Reach);
        LastEventTs = Max(LastEventTs, other.LastEventTs);
        FirstEventTs = other.FirstEventTs is { } first && (FirstEventTs is null || first < FirstEventTs) ? first : FirstEventTs;
        UpdatedAtMs = Max(UpdatedAtMs, other.UpdatedAtMs);
        Format ??= other.Format;
    }

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    public void Save(Snapshots.SnapshotWriter writer)
    {
        writer.Write(in Counters);
        writer.Write(FirstEventTs);
        writer.Write(LastEventTs);
        writer.Write(UpdatedAtMs);
        writer.Write(CorrectedAtMs);
        writer.Write(Format is { } format ? (int)format : -1);
        writer.Write(Reach.IsExact);
        if (Reach.SortedExactHashes() is { } hashes)
        {
            writer.Write(new ReadOnlySpan<ulong>(hashes), static (w, h) => w.Write(h));
        }
        else
        {
            writer.Write(Reach.Registers);
        }
    }

    public static Aggregate Load(Snapshots.SnapshotReader reader)
    {
        var counters = reader.Counters();
        var first = reader.NullableLong();
        var last = reader.NullableLong();
        var updated = reader.NullableLong();
        var corrected = reader.NullableLong();
        var format = reader.Int();
        var reach = reader.Bool() ? HyperLogLog.FromHashes(reader.List(static r => r.ULong())) : HyperLogLog.FromRegisters(reader.Bytes());
        return Restore(counters, reach, first, last, updated, corrected, format < 0 ? null : (ContentFormat)format);
    }
}
