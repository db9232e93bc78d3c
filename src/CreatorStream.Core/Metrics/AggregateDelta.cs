using CreatorStream.Core.Events;

namespace CreatorStream.Core.Metrics;

/// <summary>
/// What one micro-batch adds to one aggregate: count increments and the hashed ids of the users it
/// reached. Deltas are what a state store applies, so any store (memory, Redis) can merge them.
/// Mutable while a batch is being built; treat as immutable once handed to a store.
/// </summary>
public sealed class AggregateDelta
{
    public Counters Counters;

    /// <summary>
    /// Hashes (<see cref="Sketches.UserHash"/>) of users seen by impressions; repeats are harmless. Released (read as
    /// empty) once the batch is committed: see <see cref="State.StateDelta.Committed"/>.
    /// </summary>
    public UserHashList UserHashes { get; } = new();

    public long LastEventTs { get; set; } = long.MinValue;

    public long FirstEventTs { get; set; } = long.MaxValue;

    public ContentFormat? Format { get; set; }

    /// <summary>Makes this delta empty again, keeping its list's room: for a scratch delta reused for every event.</summary>
    public void Reset()
    {
        Counters = default;
        UserHashes.Clear();
        LastEventTs = long.MinValue;
        FirstEventTs = long.MaxValue;
        Format = null;
    }

    public void Touch(long eventTs)
    {
        if (eventTs > LastEventTs)
        {
            LastEventTs = eventTs;
        }

        if (eventTs < FirstEventTs)
        {
            FirstEventTs = eventTs;
        }
    }
}
