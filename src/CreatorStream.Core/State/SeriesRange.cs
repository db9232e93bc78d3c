namespace CreatorStream.Core.State;

/// <summary>The period starts a long-series read covers, checked the same way by every store.</summary>
public static class SeriesRange
{
    /// <summary>The starts of the periods of <paramref name="granularity"/> that begin in [from, to), oldest first.</summary>
    /// <exception cref="ArgumentException">A post's key, or more than <see cref="IStateStore.MaxSeriesPeriods"/> periods.</exception>
    public static IReadOnlyList<long> Starts(Metrics.AggregateKey key, SeriesGranularity granularity, long fromInclusive, long toExclusive)
    {
        if (!SeriesPeriods.Kept(key.Scope))
        {
            throw new ArgumentException("posts have no long series: read a campaign's or a creator's", nameof(key));
        }

        var length = SeriesPeriods.Length(granularity);
        var first = SeriesPeriods.Start(granularity, fromInclusive);
        if (first < fromInclusive)
        {
            first += length;
        }

        if (toExclusive <= first)
        {
            return [];
        }

        var count = ((toExclusive - first - 1) / length) + 1;
        if (count > IStateStore.MaxSeriesPeriods)
        {
            throw new ArgumentException($"a series read spans at most {IStateStore.MaxSeriesPeriods} periods; this one spans {count}", nameof(toExclusive));
        }

        var starts = new long[count];
        for (var i = 0; i < count; i++)
        {
            starts[i] = first + (i * length);
        }

        return starts;
    }
}
