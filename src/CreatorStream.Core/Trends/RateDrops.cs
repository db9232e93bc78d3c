using CreatorStream.Core.State;

namespace CreatorStream.Core.Trends;

/// <summary>
/// Finds the falls of click-through and conversion rate in one scope's hourly series (docs/design.md, "Trends"). Every
/// complete hour ends a window of <see cref="RateDropOptions.WindowHours"/>, judged against the
/// <see cref="RateDropOptions.BaselineHours"/> before it: a drop opens when the baseline had enough hours, the window
/// expected enough events, fell by enough, and is far enough below chance (<see cref="RateTest.Z"/>, scaled down by the
/// baseline's own hour-to-hour spread, <see cref="RateTest.Dispersion"/>); it goes on while it stays below the hold
/// threshold. Clicks are the authentic ones. An hour is complete when the campaign's newest event time is
/// <see cref="RateDropOptions.SettleMs"/> past its end (its clicks judged), so the same stored figures
/// give the same drops whichever worker wrote them and whenever they are read; a late event that changes an hour changes
/// the verdict the next time it is read. Pure.
/// </summary>
public static class RateDrops
{
    public static IReadOnlyList<RateDrop> Find(string? creatorId, IReadOnlyList<PeriodView> hours, long asOf, RateDropOptions options)
    {
        var drops = new List<RateDrop>();
        if (hours.Count == 0)
        {
            return drops;
        }

        var first = hours[0].Start;
        var complete = (int)((SeriesPeriods.Start(SeriesGranularity.Hour, asOf - options.SettleMs) - first) / SeriesPeriods.HourMs);
        if (complete <= options.WindowHours)
        {
            return drops;
        }

        // The hour grid from the first stored hour: an hour absent from the series had no events.
        var impressions = new long[complete];
        var clicks = new long[complete];
        var orders = new long[complete];
        var next = 0;
        for (var i = 0; i < complete; i++)
        {
            if (next < hours.Count && hours[next].Start == first + (i * SeriesPeriods.HourMs))
            {
                var counters = hours[next++].Counters;
                (impressions[i], clicks[i], orders[i]) = (counters.Impressions, counters.AuthenticClicks, counters.Conversions);
            }
        }

        Scan(TrendRate.Ctr, clicks, impressions);
        Scan(TrendRate.ConversionRate, orders, clicks);
        return drops;

        void Scan(TrendRate rate, long[] numerator, long[] denominator)
        {
            var sumK = Prefix(numerator);
            var sumN = Prefix(denominator);
            var exposed = Prefix(Array.ConvertAll(denominator, n => n > 0 ? 1L : 0L));
            RateDrop? open = null;
            for (var end = options.WindowHours + 1; end <= complete; end++)
            {
                var start = end - options.WindowHours;
                var baselineStart = Math.Max(0, start - options.BaselineHours);
                var (k1, n1) = (sumK[end] - sumK[start], sumN[end] - sumN[start]);
                var (k0, n0) = (sumK[start] - sumK[baselineStart], sumN[start] - sumN[baselineStart]);
                var z = 0.0;
                if (exposed[start] - exposed[baselineStart] >= options.MinBaselineHours && Material(k1, n1, k0, n0, options))
                {
                    var baseline = baselineStart..start;
                    var dispersion = RateTest.Dispersion(numerator.AsSpan(baseline), denominator.AsSpan(baseline), (double)k0 / n0);
                    z = RateTest.Z(k1, n1, k0, n0) / Math.Sqrt(dispersion);
                }

                var windowEnd = first + (end * SeriesPeriods.HourMs);
                if (open is not null && z <= -options.HoldZ)
                {
                    open = open with { WindowEnd = windowEnd };
                    continue;
                }

                if (open is not null)
                {
                    drops.Add(open);
                    open = null;
                }

                if (z <= -options.OpenZ)
                {
                    open = new RateDrop(rate, creatorId, first + (start * SeriesPeriods.HourMs), windowEnd, k1, n1, k0, n0, z);
                }
            }

            if (open is not null)
            {
                drops.Add(open);
            }
        }
    }

    private static long[] Prefix(long[] values)
    {
        var sums = new long[values.Length + 1];
        for (var i = 0; i < values.Length; i++)
        {
            sums[i + 1] = sums[i] + values[i];
        }

        return sums;
    }

    /// <summary>Enough was expected in the window, and it fell by at least the material share.</summary>
    private static bool Material(long k1, long n1, long k0, long n0, RateDropOptions options)
    {
        if (n1 <= 0 || n0 <= 0 || k0 <= 0)
        {
            return false;
        }

        var baselineRate = (double)k0 / n0;
        return n1 * baselineRate >= options.MinExpected && 1 - ((double)k1 / n1 / baselineRate) >= options.MinRelativeDrop;
    }
}
