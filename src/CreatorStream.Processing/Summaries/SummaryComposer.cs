using CreatorStream.Core.Commissions;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;

namespace CreatorStream.Processing.Summaries;

/// <summary>
/// Makes creators' period summaries from their days, their totals to date and their statements (docs/design.md,
/// "Creator summaries"). A creator's period is their commission plan's (so a summary and a statement cover the same
/// days), else a week (Monday 00:00 UTC). A period is finished once the campaign's newest event time is
/// <see cref="Grace"/> past its end, and summarised while its end is within <see cref="Horizon"/> of that time: the
/// days it and the period before it need are then all still kept (a store keeps a campaign's days 90 days). Pure.
/// </summary>
public static class SummaryComposer
{
    /// <summary>How long after a period's end its summary waits for late events: the stream's default allowed lateness.</summary>
    public static readonly long Grace = (long)Core.Streaming.ProcessorOptions.Default.AllowedLateness.TotalMilliseconds;

    /// <summary>
    /// How far back a finished period's end may lie and still be summarised: eight weeks, so that with the period before
    /// it (at most a month) every day read is under 90 days old.
    /// </summary>
    public static readonly long Horizon = 56 * SeriesPeriods.DayMs;

    private static readonly long[] ClickMarks = [100, 1_000, 10_000, 100_000, 1_000_000];
    private static readonly long[] ConversionMarks = [10, 100, 1_000, 10_000];

    /// <summary>The length of <paramref name="creator"/>'s summary periods.</summary>
    public static string PeriodOf(CreatorConfig creator) => creator.Commission?.Period ?? StatementPeriods.Week;

    /// <summary>
    /// The starts of <paramref name="creator"/>'s finished periods whose end is within <see cref="Horizon"/> of
    /// <paramref name="asOf"/>, oldest first, none before the one holding the campaign's first event time.
    /// </summary>
    public static IReadOnlyList<long> FinishedPeriods(CreatorConfig creator, long firstEventTs, long asOf)
    {
        var period = PeriodOf(creator);
        var starts = new List<long>();
        var start = StatementPeriods.Start(period, Math.Max(firstEventTs, asOf - Horizon - Grace - (31 * SeriesPeriods.DayMs)));
        for (; StatementPeriods.End(period, start) + Grace <= asOf; start = StatementPeriods.End(period, start))
        {
            if (StatementPeriods.End(period, start) >= asOf - Horizon)
            {
                starts.Add(start);
            }
        }

        return starts;
    }

    /// <summary>
    /// The summaries of the periods starting at <paramref name="periodStarts"/> (ascending), from the creator's day
    /// counters (by day start) from at least the period before the first of them to <paramref name="asOf"/>, their
    /// figures to date (<paramref name="toDate"/>: what came before the days read is the rest, so totals and milestones
    /// do not depend on how long a store keeps days) and their statements. The campaign's first event time says which
    /// period has none before it.
    /// </summary>
    public static IReadOnlyList<CreatorSummary> Compose(
        CampaignConfig campaign,
        CreatorConfig creator,
        IReadOnlyList<long> periodStarts,
        long firstEventTs,
        long asOf,
        IReadOnlyDictionary<long, Counters> days,
        Counters toDate,
        IReadOnlyList<StatementView> statements)
    {
        if (periodStarts.Count == 0)
        {
            return [];
        }

        var period = PeriodOf(creator);
        var byPeriod = new Dictionary<long, Counters>();
        foreach (var (day, counters) in days)
        {
            ref var sum = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(byPeriod, StatementPeriods.Start(period, day), out _);
            sum.Add(counters);
        }

        var ofCreator = creator.Commission is null
            ? []
            : statements.Where(s => s.Statement.CreatorId == creator.CreatorId).ToDictionary(s => s.Statement.PeriodStart);
        var summaries = new List<CreatorSummary>(periodStarts.Count);
        foreach (var start in periodStarts)
        {
            var previousStart = PreviousStart(period, start);
            var figures = Figures(creator, byPeriod.GetValueOrDefault(start), ofCreator.GetValueOrDefault(start));

            // Totals before the period: the figures to date less every day read from the period's start on.
            var (clicksBefore, conversionsBefore) = (toDate.Clicks, toDate.Conversions);
            foreach (var (day, counters) in days)
            {
                if (day >= start)
                {
                    (clicksBefore, conversionsBefore) = (clicksBefore - counters.Clicks, conversionsBefore - counters.Conversions);
                }
            }

            summaries.Add(new CreatorSummary(
                campaign.CampaignId,
                campaign.Name,
                campaign.Currency,
                creator.CreatorId,
                creator.Name.Length > 0 ? creator.Name : creator.CreatorId,
                period,
                start,
                StatementPeriods.End(period, start),
                asOf,
                figures,
                previousStart >= StatementPeriods.Start(period, firstEventTs)
                    ? Figures(creator, byPeriod.GetValueOrDefault(previousStart), ofCreator.GetValueOrDefault(previousStart))
                    : null,
                Milestones(figures, Math.Max(0, clicksBefore), Math.Max(0, conversionsBefore))));
        }

        return summaries;
    }

    /// <summary>The start of the period before the one starting at <paramref name="start"/>.</summary>
    public static long PreviousStart(string period, long start) => StatementPeriods.Start(period, start - 1);

    private static SummaryFigures Figures(CreatorConfig creator, Counters sum, StatementView? statement) => new(
        sum.Impressions,
        sum.AuthenticEngagements,
        sum.Clicks,
        sum.Conversions,
        creator.Commission is null ? null : statement?.Statement.Accrued ?? 0,
        creator.Commission is null ? null : statement?.Statement.Held ?? 0,
        creator.Commission is null ? null : statement?.Statement.Payable ?? 0,
        statement?.State);

    /// <summary>Totals passed in the period: the first conversion, then round numbers of conversions and clicks.</summary>
    private static List<string> Milestones(SummaryFigures figures, long clicksBefore, long conversionsBefore)
    {
        var milestones = new List<string>();
        if (conversionsBefore == 0 && figures.Conversions > 0)
        {
            milestones.Add("First conversion");
        }

        milestones.AddRange(Passed(conversionsBefore, conversionsBefore + figures.Conversions, ConversionMarks, "conversions"));
        milestones.AddRange(Passed(clicksBefore, clicksBefore + figures.Clicks, ClickMarks, "clicks"));
        return milestones;
    }

    private static IEnumerable<string> Passed(long before, long after, long[] marks, string what) =>
        marks.Where(mark => before < mark && after >= mark).Select(mark => FormattableString.Invariant($"Passed {mark:N0} {what} in total"));
}
