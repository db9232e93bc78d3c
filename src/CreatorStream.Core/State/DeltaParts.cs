using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.State;

/// <summary>
/// The parts of a batch's delta that grow with its records: the aggregate deltas by key and the attribution delta
/// (docs/design.md, "Per-event cost"). A delta borrows them on first use and gives them back, emptied, once its batch is
/// committed (<see cref="StateDelta.Committed"/>), so the next batch finds its dictionaries and aggregate deltas with their
/// room already made instead of growing them from empty. Lent by one pool for the process: a delta is built on its task's
/// thread and committed on another, and the pool is touched twice a batch, under a lock.
/// </summary>
internal sealed class DeltaParts
{
    /// <summary>Parts kept waiting: more than the batches a process has in flight between processing and commit.</summary>
    internal const int MaxPooled = 8;

    /// <summary>Parts that held more entries than this are not kept: an outsize batch's room is not held for ever.</summary>
    internal const int MaxKeptEntries = 16_384;

    /// <summary>
    /// Aggregate deltas a part keeps for its next batch (one is about 330 bytes with its counters): a batch of 4,096
    /// records writes a few hundred to a few thousand, and the parts waiting hold at most about 10 MiB of them.
    /// </summary>
    internal const int MaxSpares = 4_096;

    private static readonly Stack<DeltaParts> Pool = new();
    private static long s_lendings; // lendings so far, for Lending

    private readonly Stack<AggregateDelta> _spare = new();

    public Dictionary<AggregateKey, AggregateDelta> Aggregates { get; } = [];

    public AttributionDelta Attribution { get; } = new();

    /// <summary>
    /// For tests: deltas borrowed on this thread get new parts, never pooled ones (an oracle that no reuse can touch).
    /// </summary>
    [ThreadStatic]
    internal static bool LendsNewOnThisThread;

    /// <summary>Aggregate deltas kept for the next batch (for tests).</summary>
    internal int Spares => _spare.Count;

    /// <summary>How many times the pool has lent this part (for tests: 1 for a new part).</summary>
    internal int Lent { get; private set; }

    /// <summary>
    /// This lending's number, unique in the process: a cache of the aggregate deltas a batch made (the brand processor's
    /// of a post's six) holds them only while the number is the same, since after a commit the same part, emptied, and its
    /// deltas serve another batch and other keys.
    /// </summary>
    internal long Lending { get; private set; }

    public static DeltaParts Rent()
    {
        DeltaParts? parts = null;
        if (!LendsNewOnThisThread)
        {
            lock (Pool)
            {
                Pool.TryPop(out parts);
            }
        }

        parts ??= new DeltaParts();
        parts.Lent++;
        parts.Lending = Interlocked.Increment(ref s_lendings);
        return parts;
    }

    /// <summary>An empty aggregate delta: one this part held in an earlier batch, or a new one.</summary>
    public AggregateDelta NewAggregate() => _spare.TryPop(out var delta) ? delta : new AggregateDelta();

    /// <summary>
    /// The store has applied the batch: the user hashes' arrays go back to their pool, and these parts, emptied, to
    /// theirs (unless they grew past <see cref="MaxKeptEntries"/> or the pool is full, when they are left to the collector).
    /// </summary>
    public void Return()
    {
        if (!Empty())
        {
            return;
        }

        lock (Pool)
        {
            if (Pool.Count < MaxPooled)
            {
                Pool.Push(this);
            }
        }
    }

    /// <summary>
    /// Gives the user hashes' arrays back and, unless the part grew past <see cref="MaxKeptEntries"/>, empties it for
    /// another batch; whether it did (only an emptied part may be lent again).
    /// </summary>
    internal bool Empty()
    {
        foreach (var delta in Aggregates.Values)
        {
            delta.UserHashes.Release();
        }

        if (Aggregates.Count > MaxKeptEntries || Attribution.Entries > MaxKeptEntries)
        {
            return false;
        }

        foreach (var delta in Aggregates.Values)
        {
            if (_spare.Count == MaxSpares)
            {
                break;
            }

            delta.Reset();
            _spare.Push(delta);
        }

        Aggregates.Clear();
        Attribution.Clear();
        return true;
    }
}
