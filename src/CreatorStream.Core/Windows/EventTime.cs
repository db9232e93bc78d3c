namespace CreatorStream.Core.Windows;

/// <summary>Event-time arithmetic. Buckets are tumbling, one minute long and aligned to UTC minutes.</summary>
public static class EventTime
{
    public const long BucketMs = 60_000;

    /// <summary>The start of the one-minute bucket holding <paramref name="ts"/> (ms since epoch, UTC).</summary>
    public static long BucketStart(long ts) => ts - ((ts % BucketMs) + BucketMs) % BucketMs;

    public static long BucketEnd(long bucketStart) => bucketStart + BucketMs;
}
