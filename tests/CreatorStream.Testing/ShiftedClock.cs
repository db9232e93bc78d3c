namespace CreatorStream.Testing;

/// <summary>
/// The system clock moved by a fixed offset: time passes at the real rate (timeouts, idle partitions) but in the era of
/// generated traffic, so a live test can put "now" just after its events. Thread-safe.
/// </summary>
public sealed class ShiftedClock(DateTimeOffset now) : TimeProvider
{
    private readonly TimeSpan _offset = now - TimeProvider.System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + _offset;
}
