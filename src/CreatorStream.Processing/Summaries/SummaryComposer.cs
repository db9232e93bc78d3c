using CreatorStream.Core.Commissions;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Metrics;

namespace CreatorStream.Processing.Summaries;

/// <summary>
/// Makes creators' period summaries from their days and statements (docs/design.md, "Creator summaries"). A creator's
/// period is their commission plan's (so a summary and a statement cover the same days), else a week (Monday 00:00
/// UTC). A period is finished once the campaign's newest event time is <see cref="Grace"/> past its end. Pure.
/// </summary>
public static class SummaryComposer
{
    /// <summary>How long after a period's end its summary waits for late events: the stream's default allowed lateness.</summary>
    public static readonly long Grace = (long)Core.Streaming.ProcessorOptions.Default.AllowedLateness.TotalMilliseconds;

    /// <summary>The most recent finished periods summarised per creator: a daily plan's two months.</summary>
    public const int MaxPeriods = 62;

    private static readonly long[] ClickMarks = [100, 1_000, 10_000, 100_000, 1_000_000];
    private static readonly long[] ConversionMarks = [10, 100, 1_000, 10_000];

    /// <summary>The length of <paramref name="creator"/>'s summary periods.</summary>
    public static string PeriodOf(CreatorConfig creator) => creator.Commission?.Period ?? StatementPeriods.Week;

    /// <summary>
    /// The starts of <paramref name="creator"/>'s finished periods, oldest first, from the one holding the campaign's
    /// first event time to the last that ended <see cref="Grace"/> before <paramref name="asOf"/>; at most the last
    /// <see cref="MaxPeriods"/>.
    /// </summary>
    public static IReadOnlyList<long> FinishedPeriods(CreatorConfig creator, long firstEventTs, long asOf)
    {
        var period = PeriodOf(creator);
        var starts = new List<long>();
        for (var start = StatementPeriods.Start(period, firstEventTs); StatementPeriods.End(period, start) + Grace <= asOf; start = StatementPeriods.End(period, start))
        {
            starts.Add(start);
        }

        return starts.Count > MaxPeriods ? starts[^MaxPeriods..] : starts;
    }

    /// <summary>
    /// The summary of the period starting at <paramref name="periodStart"/>, from the creator's day counters (by day
    /// start, every day the campaign has for them up to at least the period's end) and their statements (composed with
    /// people's decisions, any periods).
    /// </summary>
    public static CreatorSummary Compose(
        CampaignConfig campaign,
        CreatorConfig creator,
        long periodStart,
        long asOf,
        IReadOnlyDictionary<long, Counters> days,
        IReadOnlyList<StatementView> statements)
    {
        var period = PeriodOf(creator);
        var periodEnd = StatementPeriods.End(period, periodStart);
        var earlier = new List<SummaryFigures>();
        for (var start = StatementPeriods.Start(period, days.Count == 0 ? periodStart : Math.Min(days.Keys.Min(), periodStart)); start < periodStart; start = StatementPeriods.End(period, start))
        {
            earlier.Add(Figures(creator, start, StatementPeriods.End(period, start), days, statements));
        }

        var figures = Figures(creator, periodStart, periodEnd, days, statements);
        return new CreatorSummary(
            campaign.CampaignId,
            campaign.Name,
            campaign.Currency,
            creator.CreatorId,
            creator.Name,
            period,
            periodStart,
            periodEnd,
            asOf,
            figures,
            earlier.Count > 0 ? earlier[^1] : null,
            Milestones(period, figures, earlier));
    }

    private static SummaryFigures Figures(CreatorConfig creator, long start, long end, IReadOnlyDictionary<long, Counters> days, IReadOnlyList<StatementView> statements)
    {
        var sum = default(Counters);
        foreach (var (day, counters) in days)
        {
            if (day >= start && day < end)
            {
                sum.Add(counters);
            }
        }

        var statement = creator.Commission is null ? null : statements.FirstOrDefault(s => s.Statement.CreatorId == creator.CreatorId && s.Statement.PeriodStart == start);
        return new SummaryFigures(
            sum.Impressions,
            sum.AuthenticEngagements,
            sum.Clicks,
            sum.Conversions,
            creator.Commission is null ? null : statement?.Statement.Accrued ?? 0,
            creator.Commission is null ? null : statement?.Statement.Held ?? 0,
            creator.Commission is null ? null : statement?.Statement.Payable ?? 0,
            statement?.State);
    }

    /// <summary>Totals passed in the period (clicks, conversions: the first, then round numbers) and a best period yet for clicks.</summary>
    private static List<string> Milestones(string period, SummaryFigures figures, IReadOnlyList<SummaryFigures> earlier)
    {
        var milestones = new List<string>();
        var (clicksBefore, conversionsBefore) = (earlier.Sum(f => f.Clicks), earlier.Sum(f => f.Conversions));
        if (conversionsBefore == 0 && figures.Conversions > 0)
        {
            milestones.Add("First conversion");
        }

        milestones.AddRange(Passed(conversionsBefore, conversionsBefore + figures.Conversions, ConversionMarks, "conversions"));
        milestones.AddRange(Passed(clicksBefore, clicksBefore + figures.Clicks, ClickMarks, "clicks"));
        if (earlier.Any(f => f.Clicks > 0) && earlier.All(f => f.Clicks < figures.Clicks))
        {
            milestones.Add($"Best {period} yet for clicks");
        }

        return milestones;
    }

    private static IEnumerable<string> Passed(long before, long after, long[] marks, string what) =>
        marks.Where(mark => before < mark && after >= mark).Select(mark => FormattableString.Invariant($"Passed {mark:N0} {what} in total"));
}
