namespace CreatorStream.Core.Windows;

/// <summary>Event-time arithmetic. Buckets are tumbling, one minute long and aligned to UTC minutes.</summary>
public static class EventTime
{
    public const long BucketMs = 60_000;

    /// <summary>The start of the one-minute bucket holding <paramref name="ts"/> (ms since epoch, UTC).</summary>
    public static long BucketStart(long ts) => Floor(ts, BucketMs);

    /// <summary>The start of the <paramref name="spanMs"/>-long span, aligned to the epoch, holding <paramref name="ts"/> (negative times too).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static long Floor(long ts, long spanMs) => ts - (((ts % spanMs) + spanMs) % spanMs);

    public static long BucketEnd(long bucketStart) => bucketStart + BucketMs;
}
