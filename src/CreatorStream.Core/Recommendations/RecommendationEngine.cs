using System.Globalization;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Recommendations;

/// <summary>
/// Turns a campaign's measured figures (its report section and state) into advice (docs/design.md, "Recommendations"). Pure: the same
/// figures give the same advice.
/// </summary>
public static class RecommendationEngine
{
    /// <summary>Share of the weaker creator's cost proposed for a shift: a step a manager can take mid-campaign, not a rebuild.</summary>
    public const double ShiftShare = 0.25;

    /// <summary>Conversions behind a ROAS below which an estimate is called low confidence (relative error ≈ 1/√n above 30%).</summary>
    public const double LowConfidenceConversions = 10;

    /// <summary>Conversions behind a ROAS from which an estimate is called high confidence (relative error ≈ 18% or less).</summary>
    public const double HighConfidenceConversions = 30;

    /// <param name="campaign">The campaign as configured.</param>
    /// <param name="figures">Its figures to date.</param>
    /// <param name="state">Its state to date.</param>
    /// <param name="series">Its hourly series and its creators', for the audience windows; none without.</param>
    /// <param name="baselines">The goal's baseline when it comes from a named campaign or a benchmarking period; none without.</param>
    public static RecommendationsReport Build(CampaignConfig campaign, CampaignReport figures, CampaignState state, Trends.CampaignSeries? series = null, GoalBaselineValues? baselines = null)
    {
        var model = campaign.Attribution.ReportingModel;
        var (shift, note) = Shift(campaign, figures, model);
        var (formatOutcomes, suggestions) = FormatAdvice.Of(campaign, state);
        return new RecommendationsReport
        {
            Model = model,
            Ranking = Ranking(figures),
            Flags = CpaFlags(campaign, figures),
            BudgetShift = shift,
            BudgetShiftNote = note,
            PostingWindows = PostingWindows(state),
            AudienceWindows = series is null ? [] : Recommendations.AudienceWindows.Of(series),
            ContentFormats = Formats(state),
            FormatOutcomes = formatOutcomes,
            Suggestions = suggestions,
            Goal = Goal(campaign, figures, state.Totals.LastEventTs, baselines),
        };
    }

    private static List<CreatorRanking> Ranking(CampaignReport figures)
    {
        var creators = figures.Creators;
        var roiRank = Ranks(creators, c => c.Roi, higherIsBetter: true);
        var cpaRank = Ranks(creators, c => c.Cpa, higherIsBetter: false);
        var rateRank = Ranks(creators, c => c.EngagementRate, higherIsBetter: true);
        return [.. creators
            .Select(c => new CreatorRanking
            {
                CreatorId = c.Key,
                Roi = c.Value.Roi,
                Cpa = c.Value.Cpa,
                EngagementRate = c.Value.EngagementRate,
                RoiRank = roiRank.GetValueOrDefault(c.Key),
                CpaRank = cpaRank.GetValueOrDefault(c.Key),
                EngagementRateRank = rateRank.GetValueOrDefault(c.Key),
            })
            .OrderBy(r => r.RoiRank ?? int.MaxValue)
            .ThenBy(r => r.CreatorId, StringComparer.Ordinal)];
    }

    /// <summary>1-based ranks of the creators that have the figure; ties share the better rank's order by id.</summary>
    private static Dictionary<string, int?> Ranks(SortedDictionary<string, CreatorReport> creators, Func<CreatorReport, double?> figure, bool higherIsBetter)
    {
        var measured = creators.Where(c => figure(c.Value) is not null).ToList();
        var ordered = higherIsBetter
            ? measured.OrderByDescending(c => figure(c.Value)).ThenBy(c => c.Key, StringComparer.Ordinal)
            : measured.OrderBy(c => figure(c.Value)).ThenBy(c => c.Key, StringComparer.Ordinal);
        return ordered.Select((c, i) => (c.Key, Rank: (int?)(i + 1))).ToDictionary(x => x.Key, x => x.Rank, StringComparer.Ordinal);
    }

    /// <summary>Each creator whose CPA to date is above the campaign's CPA benchmark (none without a benchmark).</summary>
    public static List<RecommendationFlag> CpaFlags(CampaignConfig campaign, CampaignReport figures) =>
        campaign.Benchmarks.Cpa is not { } benchmark
            ? []
            : [.. figures.Creators
                .Where(c => c.Value.Cpa > benchmark)
                .Select(c => new RecommendationFlag
                {
                    CreatorId = c.Key,
                    Kind = Alerts.AlertKinds.CpaAboveBenchmark,
                    Value = c.Value.Cpa!.Value,
                    Threshold = benchmark,
                    Message = string.Create(CultureInfo.InvariantCulture, $"CPA {c.Value.Cpa:F2} {campaign.Currency} is above the benchmark of {benchmark:F2}"),
                })];

    private static (BudgetShift?, string?) Shift(CampaignConfig campaign, CampaignReport figures, string model)
    {
        var candidates = figures.Creators
            .Where(c => c.Value is { Roas: not null, Cost: > 0 })
            .Select(c => (Id: c.Key, Roas: c.Value.Roas!.Value, Cost: c.Value.Cost!.Value, Conversions: c.Value.Attribution?[model].Conversions ?? 0))
            .OrderBy(c => c.Roas).ThenBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        if (candidates.Count < 2)
        {
            return (null, "fewer than two creators with costs: nothing to shift between");
        }

        var (from, to) = (candidates[0], candidates[^1]);
        if (to.Roas <= from.Roas || to.Conversions <= 0)
        {
            return (null, "no creator returns more per unit of spend than another yet");
        }

        var amount = Math.Max(10, Math.Round(ShiftShare * from.Cost / 10) * 10);
        var change = amount * (to.Roas - from.Roas);

        // ROAS rests on counts of conversions, roughly Poisson: its relative standard error is about 1/√n.
        var error = amount * Math.Sqrt((to.Roas * to.Roas / Math.Max(to.Conversions, 1)) + (from.Roas * from.Roas / Math.Max(from.Conversions, 1)));
        var (low, high) = (change - (1.96 * error), change + (1.96 * error));
        var fewest = Math.Min(from.Conversions, to.Conversions);
        var confidence = fewest < LowConfidenceConversions || low <= 0 ? "low" : fewest < HighConfidenceConversions ? "medium" : "high";
        var rationale = string.Create(
            CultureInfo.InvariantCulture,
            $"Move {amount:F0} {campaign.Currency} from {from.Id} (ROAS {from.Roas:F2} on {from.Conversions:F1} conversions) to {to.Id} " +
            $"(ROAS {to.Roas:F2} on {to.Conversions:F1} conversions): about {change:+0;-0} {campaign.Currency} of revenue under {model} " +
            $"(95% range {low:F0} to {high:F0}), if each creator's return on extra spend stays at today's average.");
        return (new BudgetShift
        {
            FromCreatorId = from.Id,
            ToCreatorId = to.Id,
            Amount = amount,
            Currency = campaign.Currency,
            FromRoas = from.Roas,
            ToRoas = to.Roas,
            FromConversions = from.Conversions,
            ToConversions = to.Conversions,
            ExpectedRevenueChange = change,
            ExpectedRevenueChangeLow = low,
            ExpectedRevenueChangeHigh = high,
            Confidence = confidence,
            Rationale = rationale,
        }, null);
    }

    /// <summary>For each creator, the hour of the week their posts went up that drew the best authentic engagement rate.</summary>
    private static List<PostingWindow> PostingWindows(CampaignState state) =>
        [.. state.Content
            .Where(c => c.Value.FirstEventTs is not null)
            .GroupBy(c => (c.Key.CreatorId, Hour: HourOfWeek(c.Value.FirstEventTs!.Value)))
            .Select(g => (g.Key.CreatorId, g.Key.Hour, Posts: g.Count(), Rate: Ratio.Of(g.Sum(c => c.Value.Counters.AuthenticEngagements), g.Sum(c => c.Value.Reach))))
            .Where(w => w.Rate is not null)
            .GroupBy(w => w.CreatorId, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(w => w.Rate).ThenBy(w => w.Hour).First())
            .OrderBy(w => w.CreatorId, StringComparer.Ordinal)
            .Select(w => new PostingWindow { CreatorId = w.CreatorId, HourOfWeek = w.Hour, Label = Label(w.Hour), EngagementRate = w.Rate!.Value, Posts = w.Posts })];

    private static List<FormatPerformance> Formats(CampaignState state)
    {
        var rows = state.Content
            .Where(c => c.Value.Format is not null)
            .GroupBy(c => (c.Key.Platform, Format: c.Value.Format!.Value))
            .Select(g => new FormatPerformance
            {
                Platform = WireNames.Of(g.Key.Platform),
                ContentFormat = WireNames.Of(g.Key.Format),
                EngagementRate = Ratio.Of(g.Sum(c => c.Value.Counters.AuthenticEngagements), g.Sum(c => c.Value.Reach)),
                Posts = g.Count(),
            })
            .OrderBy(f => f.Platform, StringComparer.Ordinal).ThenByDescending(f => f.EngagementRate).ThenBy(f => f.ContentFormat, StringComparer.Ordinal)
            .ToList();
        var best = rows.Where(r => r.EngagementRate is not null).GroupBy(r => r.Platform).Select(g => g.First()).ToHashSet();
        return [.. rows.Select(r => best.Contains(r) ? r with { Best = true } : r)];
    }

    /// <summary>Progress against the campaign's goal, its pace and projection at <paramref name="now"/> (null without a goal).</summary>
    public static GoalProgress? Goal(CampaignConfig campaign, CampaignReport figures, long? now, GoalBaselineValues? baselines = null) => GoalPace.Of(campaign, figures, now, baselines);

    /// <summary>Hour of the week in UTC, 0 = Monday 00:00–01:00.</summary>
    public static int HourOfWeek(long ts)
    {
        var time = DateTimeOffset.FromUnixTimeMilliseconds(ts).UtcDateTime;
        return ((((int)time.DayOfWeek + 6) % 7) * 24) + time.Hour;
    }

    /// <summary>"Tuesday 18:00 UTC" for an hour of the week.</summary>
    public static string Label(int hourOfWeek) =>
        string.Create(CultureInfo.InvariantCulture, $"{(DayOfWeek)((hourOfWeek / 24 + 1) % 7)} {hourOfWeek % 24:00}:00 UTC");
}
