namespace CreatorStream.Core.Authenticity;

/// <summary>
/// Which accounts know which creators (user × creator keys): shown one of the creator's posts, or engaged one, within the
/// retention (docs/design.md, "Authenticity", exposure). An account engaging a post it was never shown is ordinary when
/// it follows the creator (an impression lost upstream); a batch of accounts with no history with the creator before this
/// post, never shown it, is what bought engagement looks like; generic praise from accounts that came through this post
/// alone, en masse, is what bought comments look like. Forgets pairs unseen for longer than the retention (on
/// <see cref="Expire"/>) and the least recently seen tenth beyond the capacity. Times are kept in whole seconds since
/// 2000-01-01 (as unsigned 32 bits: to 2136), so a pair costs a third less: there is one for every account and creator it
/// met. Mutable; not thread-safe.
/// </summary>
internal sealed class Acquaintances(int capacity)
{
    private const long EpochMs = 946_684_800_000; // 2000-01-01, the earliest event time the decoder accepts

    private readonly Sketches.FlatTable<(uint First, uint Last)> _met = new(); // flat: an impression's lookup is one line, and can be hinted
    private readonly LeastRecent _leastRecent = new();

    public int Count => _met.Count;

    /// <summary>Hints the cache at where <see cref="Meet"/> will look for <paramref name="pair"/>.</summary>
    public void Prefetch(ulong pair) => _met.Prefetch(pair);

    /// <summary>
    /// Records that the account met the creator at <paramref name="ts"/>; returns when it first did (within what is
    /// remembered), to the second: on or after the post's first second means it came through this post.
    /// </summary>
    public long Meet(ulong pair, long ts)
    {
        var now = Seconds(ts);
        ref var met = ref _met.Find(pair);
        if (!System.Runtime.CompilerServices.Unsafe.IsNullRef(ref met))
        {
            met = (Math.Min(met.First, now), Math.Max(met.Last, now)); // in place: one lookup for the pair an impression meets again
            return Ms(met.First);
        }

        if (_met.Count >= capacity)
        {
            _leastRecent.Forget(_met, Math.Max(1, capacity / 10), static met => met.Last);
        }

        _met.Set(pair, (now, now));
        return Ms(now);
    }

    private static uint Seconds(long ts) => (uint)Math.Clamp((ts - EpochMs) / 1_000, 0, uint.MaxValue);

    private static long Ms(uint seconds) => EpochMs + (seconds * 1_000L);

    public void Expire(long before)
    {
        _met.RemoveAll(before, static (_, met, before) => Ms(met.Last) < before);
    }

    public void Save(Snapshots.SnapshotWriter writer) => Freeze()(writer);

    /// <summary>
    /// <see cref="Save"/>'s bytes in two steps (decision 0033): the pairs copied now, into an array lent by
    /// <paramref name="capture"/>'s pool when there is one (<see cref="Snapshots.FrozenArrays{T}"/>), sorted by key and
    /// written later by the returned writer on any thread. By key, so the bytes are the pairs' alone, whatever order the
    /// table's slots hold them in.
    /// </summary>
    public Action<Snapshots.SnapshotWriter> Freeze(Snapshots.SnapshotCapture? capture = null)
    {
        var pairs = Snapshots.SnapshotCapture.CopyOf(capture, _met);
        return writer => writer.Write(Sketches.FlatTable<(uint First, uint Last)>.SortedByKey(pairs), static (w, pair) => // as a dictionary of them is written
        {
            w.Write(pair.Key);
            w.Write(pair.Value.First);
            w.Write(pair.Value.Last);
        });
    }

    public void Load(Snapshots.SnapshotReader reader) => reader.Each(r => _met.Add(r.ULong(), ((uint)r.Long(), (uint)r.Long())));
}
