namespace CreatorStream.Testing;

/// <summary>
/// A clock that starts at <paramref name="start"/> and moves on by <paramref name="step"/> each time it is read (zero: time
/// stands still). Two runs that read it in the same order see the same times, so their results compare byte for byte.
/// Thread-safe.
/// </summary>
public sealed class FixedClock(DateTimeOffset start, TimeSpan step = default) : TimeProvider
{
    private long _reads = -1;

    public override DateTimeOffset GetUtcNow() => start + (step * Interlocked.Increment(ref _reads));
}
