namespace CreatorStream.Core.State;

/// <summary>Where the periods of a long series start and how long they are (UTC, aligned to the epoch).</summary>
public static class SeriesPeriods
{
    public const long HourMs = 3_600_000;
    public const long DayMs = 24 * HourMs;

    public static long Length(SeriesGranularity granularity) => granularity == SeriesGranularity.Hour ? HourMs : DayMs;

    /// <summary>The start of the period holding <paramref name="ts"/> (ms; negative times round down too).</summary>
    public static long Start(SeriesGranularity granularity, long ts)
    {
        var length = Length(granularity);
        return ts - (((ts % length) + length) % length);
    }

    /// <summary>Whether a store keeps a long series for an aggregate of this scope: campaigns and creators, not posts.</summary>
    public static bool Kept(Metrics.AggregateScope scope) => scope != Metrics.AggregateScope.Content;
}
