using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Trends;

/// <summary>
/// Period over period (docs/design.md, "Trends"): the last <c>days</c> of complete hours before the newest event
/// against the same length before them, with each rate's change and whether it is beyond chance. The rates are those
/// drops are judged on: authentic clicks per impression, and orders per authentic click. Immutable.
/// </summary>
public sealed record PeriodComparison(PeriodFigures Current, PeriodFigures Previous, RateChange Ctr, RateChange ConversionRate)
{
    /// <summary>|z| at or above this is called significant: a two-sided 5 % test, for a descriptive comparison.</summary>
    public const double SignificantZ = 1.96;

    /// <summary>Compares the two periods of <paramref name="hours"/> that end at the last complete hour at <paramref name="asOf"/> (settled as drops are: <see cref="RateDropOptions.SettleMs"/>).</summary>
    public static PeriodComparison Of(IReadOnlyList<PeriodView> hours, long asOf, int days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var end = SeriesPeriods.Start(SeriesGranularity.Hour, asOf - RateDropOptions.Default.SettleMs);
        var length = days * SeriesPeriods.DayMs;
        var current = Sum(hours, end - length, end);
        var previous = Sum(hours, end - (2 * length), end - length);
        return new PeriodComparison(
            current,
            previous,
            RateChange.Of(current.Counters.AuthenticClicks, current.Counters.Impressions, previous.Counters.AuthenticClicks, previous.Counters.Impressions),
            RateChange.Of(current.Counters.Conversions, current.Counters.AuthenticClicks, previous.Counters.Conversions, previous.Counters.AuthenticClicks));
    }

    private static PeriodFigures Sum(IReadOnlyList<PeriodView> hours, long from, long to)
    {
        var sum = default(Counters);
        foreach (var hour in hours)
        {
            if (hour.Start >= from && hour.Start < to)
            {
                sum.Add(hour.Counters);
            }
        }

        return new PeriodFigures(from, to, sum);
    }
}
