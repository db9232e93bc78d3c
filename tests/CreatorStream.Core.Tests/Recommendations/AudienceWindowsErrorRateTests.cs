using CreatorStream.Core.Metrics;
using CreatorStream.Core.Recommendations;
using CreatorStream.Core.State;
using CreatorStream.Core.Trends;
using CreatorStream.Testing;
using CreatorStream.Testing.Measuring;

namespace CreatorStream.Core.Tests.Recommendations;

/// <summary>
/// How often an audience window is called above average by chance, and how often a real one is found, on hours drawn
/// here (not by the project's generator): a creator's audience is seen 150-750 times an hour on a daily cycle, each hour
/// engages Poisson around 4 % times the hour's own pull (log-normal, σ = 0.2: posts and days differ), for three weeks.
/// Under the null the rate does not depend on the hour of the week. The goals (docs/design.md, "Recommendations"): at
/// most 5 % of such creators told that some hour is above average; a real evening lift of 2× on every day's 19:00-21:00
/// found (at least one of those hours above average) in at least 80 %. Measured when written: 16 of 500 (3.2 %); a 2×
/// lift found in 200 of 200, 1.75× in 199, 1.5× in 147 (74 %: three weeks at 600 impressions an hour do not single out
/// a half-again hour among 168 reliably). With each hour's interval at 95 % instead, 463 of 500 were told.
/// </summary>
public sealed class AudienceWindowsErrorRateTests
{
    private const long Hour = 3_600_000;
    private const int Weeks = 3;

    /// <summary>At a true rate of 5 %, more than 36 of 500 has under 1 % chance: a count above it says the rate is above the goal.</summary>
    private const int NullTrials = 500;
    private const int MostFalseCreators = 36;
    private const int Trials = 200;

    [Fact]
    public void Of_AnAudienceWhoseRateDoesNotDependOnTheHour_IsToldSomeHourIsAboveAverage_ForAtMostOneCreatorInTwenty()
    {
        var told = Enumerable.Range(0, NullTrials).Count(trial => AnyAboveAverage(new Random(30_000 + trial), evening: 1.0));

        Assert.True(told <= MostFalseCreators, $"{told} of {NullTrials} creators told an hour is above average with none");
    }

    [Fact]
    public void Of_AnEveningLiftOfTwice_IsFoundInAtLeastEightyPercent()
    {
        var found = Enumerable.Range(0, Trials).Count(trial => EveningFound(new Random(40_000 + trial), evening: 2.0));

        Assert.True(found >= Trials * 0.8, $"found in {found} of {Trials}");
    }

    private static bool AnyAboveAverage(Random random, double evening) => AudienceWindows.Of(Draw(random, evening)).Any(w => w.AboveAverage);

    private static bool EveningFound(Random random, double evening) =>
        AudienceWindows.Of(Draw(random, evening)).Any(w => w.AboveAverage && (w.HourOfWeek % 24) is >= 19 and <= 21);

    /// <summary>Three weeks of one creator's hours from T0 (a Thursday, midnight UTC).</summary>
    private static CampaignSeries Draw(Random random, double evening)
    {
        var hours = new List<PeriodView>();
        for (var h = 0; h < Weeks * 7 * 24; h++)
        {
            var hourOfDay = h % 24;
            var impressions = (long)Math.Round(450 + (300 * Math.Sin((hourOfDay - 9) * Math.PI / 12)));
            var lift = hourOfDay is >= 19 and <= 21 ? evening : 1.0;
            var pull = Math.Exp((0.2 * Draws.Normal(random)) - 0.02);
            var engagements = Draws.Poisson(random, 0.04 * lift * pull * impressions);
            hours.Add(new PeriodView(EventBuilder.T0 + (h * Hour), new Counters { Impressions = impressions, AuthenticEngagements = engagements }));
        }

        return new CampaignSeries(EventBuilder.T0 + (Weeks * 7 * 24 * Hour), hours, new Dictionary<string, IReadOnlyList<PeriodView>> { ["anna"] = hours });
    }
}
