using CreatorStream.Core.Metrics;

namespace CreatorStream.Core.Windows;

/// <summary>A one-minute bucket held by <see cref="WindowTracker"/> until it can no longer change.</summary>
internal sealed class BucketState(Aggregate aggregate)
{
    public Aggregate Aggregate { get; } = aggregate;

    /// <summary>Whether the watermark has passed its end and it was published.</summary>
    public bool Closed { get; set; }

    /// <summary>Whether a late event changed it after it was published (a correction is owed).</summary>
    public bool Dirty { get; set; }

    /// <summary>Empties the bucket, as new, for a later minute (its sketch's arrays go back to their lender).</summary>
    public void Clear()
    {
        Aggregate.Clear();
        (Closed, Dirty) = (false, false);
    }
}
