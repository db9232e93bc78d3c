using CreatorStream.Core.State;
using CreatorStream.Core.Trends;

namespace CreatorStream.Core.Recommendations;

/// <summary>
/// When each creator's audience is active and responsive (docs/design.md, "Recommendations", audience windows): the
/// creator's hourly series folded by hour of the week, so the hours are those of the audience's own events, not of when
/// a post went up. Pure.
/// </summary>
public static class AudienceWindows
{
    /// <summary>Impressions an hour of the week needs before it is judged.</summary>
    public const long MinImpressions = 1_000;

    /// <summary>Weeks with impressions an hour of the week needs: one week's Tuesday is a day, not a habit.</summary>
    public const int MinWeeks = 2;

    /// <summary>Hours listed per creator.</summary>
    public const int PerCreator = 3;

    /// <summary>The chance that any of a creator's judged hours' intervals misses its true rate: 5 %, shared among them.</summary>
    private const double Alpha = 0.05;

    /// <summary>
    /// Per creator, the hours of the week that pass the sample gates, best first by the low end of their interval (an
    /// hour that is surely good before one that may be better), at most <see cref="PerCreator"/>. The interval is the
    /// Poisson one of the hour's engagement count, widened by the square root of the creator's dispersion (<see cref="Dispersion"/>),
    /// at a confidence shared among the k hours judged (Bonferroni: each at 1 − 0.05 / k, two-sided), because the best are
    /// picked after looking at all of them: with each at 95 %, nine in ten creators whose audience responds alike at every
    /// hour were told some hour was above average (<c>AudienceWindowsErrorRateTests</c>).
    /// </summary>
    public static List<AudienceWindow> Of(CampaignSeries series, long minImpressions = MinImpressions, int minWeeks = MinWeeks)
    {
        var windows = new List<AudienceWindow>();
        foreach (var (creatorId, hours) in series.Creators.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var exposed = hours.Where(h => h.Counters.Impressions > 0).ToList();
            long impressions = exposed.Sum(h => h.Counters.Impressions), engagements = exposed.Sum(h => h.Counters.AuthenticEngagements);
            if (impressions == 0)
            {
                continue;
            }

            var rate = (double)engagements / impressions;
            var byHour = exposed.GroupBy(h => RecommendationEngine.HourOfWeek(h.Start)).ToList();
            var dispersion = Dispersion(byHour, rate);
            var judged = byHour.Where(g => g.Count() >= minWeeks && g.Sum(h => h.Counters.Impressions) >= minImpressions).ToList();
            var z = judged.Count == 0 ? 0 : Metrics.NormalQuantile.Of(1 - (Alpha / 2 / judged.Count));
            windows.AddRange(judged
                .Select(g => Window(creatorId, g.Key, [.. g], rate, dispersion, z))
                .OrderByDescending(w => w.EngagementRateLow).ThenBy(w => w.HourOfWeek)
                .Take(PerCreator));
        }

        return windows;
    }

    /// <summary>
    /// How much more the creator's hours vary than Poisson counts would, each about its own hour of the week's rate:
    /// Pearson's χ² per degree of freedom (hours less hours of the week), at least 1. Every post has its own pull, so
    /// real hours spread far more than Poisson. With fewer than 2 degrees of freedom (too few repeated hours to measure
    /// the spread within an hour of the week) it is measured about the creator's single rate instead, which counts the
    /// hour-of-week differences as spread too: wider, never narrower.
    /// </summary>
    internal static double Dispersion(IReadOnlyList<IGrouping<int, PeriodView>> byHour, double creatorRate)
    {
        var freedom = byHour.Sum(g => g.Count()) - byHour.Count;
        if (freedom < 2)
        {
            var all = byHour.SelectMany(g => g).ToList();
            return creatorRate > 0 ? RateTest.Dispersion([.. all.Select(h => h.Counters.AuthenticEngagements)], [.. all.Select(h => h.Counters.Impressions)], creatorRate) : 1;
        }

        double chi2 = 0;
        foreach (var group in byHour)
        {
            var rate = (double)group.Sum(h => h.Counters.AuthenticEngagements) / group.Sum(h => h.Counters.Impressions);
            foreach (var hour in group)
            {
                var expected = rate * hour.Counters.Impressions;
                if (expected > 0)
                {
                    var residual = hour.Counters.AuthenticEngagements - expected;
                    chi2 += residual * residual / expected;
                }
            }
        }

        return Math.Max(1, chi2 / freedom);
    }

    private static AudienceWindow Window(string creatorId, int hourOfWeek, List<PeriodView> hours, double creatorRate, double dispersion, double z)
    {
        long impressions = hours.Sum(h => h.Counters.Impressions), engagements = hours.Sum(h => h.Counters.AuthenticEngagements);
        var rate = (double)engagements / impressions;
        var spread = z * Math.Sqrt(dispersion * Math.Max(1, engagements)) / impressions;
        var low = Math.Max(0, rate - spread);
        return new AudienceWindow
        {
            CreatorId = creatorId,
            HourOfWeek = hourOfWeek,
            Label = RecommendationEngine.Label(hourOfWeek),
            Weeks = hours.Count, // one hour of the week per week
            Impressions = impressions,
            AuthenticEngagements = engagements,
            AuthenticClicks = hours.Sum(h => h.Counters.AuthenticClicks),
            EngagementRate = rate,
            EngagementRateLow = low,
            EngagementRateHigh = rate + spread,
            ClickRate = (double)hours.Sum(h => h.Counters.AuthenticClicks) / impressions,
            CreatorRate = creatorRate,
            AboveAverage = low > creatorRate,
        };
    }
}
