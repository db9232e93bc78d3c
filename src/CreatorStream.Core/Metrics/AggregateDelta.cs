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

    /// <summary>Hashes (<see cref="Sketches.UserHash"/>) of users seen by impressions; repeats are harmless.</summary>
    public List<ulong> UserHashes { get; } = [];

    public long LastEventTs { get; set; } = long.MinValue;

    public long FirstEventTs { get; set; } = long.MaxValue;

    public ContentFormat? Format { get; set; }

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
