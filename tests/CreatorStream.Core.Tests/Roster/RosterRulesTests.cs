using CreatorStream.Core.Estimates;
using CreatorStream.Core.Roster;

namespace CreatorStream.Core.Tests.Roster;

/// <summary>docs/design.md, "Roster": the suggestion rules on hand-made figures, and the count interval against the exact Poisson one.</summary>
public sealed class RosterRulesTests
{
    [Fact]
    public void CountInterval_AgreesWithTheExactPoissonInterval_FromNoneToSixty()
    {
        for (var n = 0; n <= 60; n++)
        {
            // The exact 90 % interval: the means at which seeing n or fewer (n or more) has probability 5 %, by bisection.
            var exactHigh = Bisect(m => Cdf(n, m) - 0.05);
            var exactLow = n == 0 ? 0 : Bisect(m => Cdf(n - 1, m) - 0.95);

            Assert.InRange(RosterRules.CountHigh(n, Interval.Z90), exactHigh * 0.99, exactHigh * 1.01);
            Assert.InRange(RosterRules.CountLow(n, Interval.Z90), exactLow - (0.02 * Math.Max(exactLow, 1)), exactLow + (0.02 * Math.Max(exactLow, 1)));
        }
    }

    [Fact]
    public void Judge_SalesThatPayEvenAtTheLowEnd_AndAuthenticFans_Expand()
    {
        // Pooled: 26 conversions, 3,900 revenue, cost 1,800 fixed + 10 % of 3,900 = 2,190; ROI 1,710 / 2,190.
        var suggestion = RosterRules.Judge("anna", "Anna", [Row("winter", 1, 1000, 0.1, 12, 1800, 40, 0), Row("spring", 2, 800, 0.1, 14, 2100, 0, 0)], 150);

        Assert.Equal((RosterActions.Expand, "high"), (suggestion.Action, suggestion.Confidence));
        var e = suggestion.Evidence;
        Assert.Equal((26.0, 3900.0, 2190.0, 2190.0 / 26), (e.Conversions.Estimate, e.RevenueTotal, e.Cost, e.Cpa!.Value));
        Assert.Equal(1710.0 / 2190, e.Roi!.Estimate, 12);

        // The low end: 26 conversions' low count at 150 each, and the commission on that revenue.
        var low = RosterRules.CountLow(26, Interval.Z90) * 150;
        Assert.Equal((low - 1800 - (0.1 * low)) / (1800 + (0.1 * low)), e.Roi.Low, 12);
        Assert.True(e.Roi.Low > 0);
        Assert.Equal(["winter", "spring"], suggestion.History.Select(h => h.CampaignId));
        Assert.Equal(1.0, e.AuthenticShare!.Estimate);
        Assert.Equal(40, e.EngagementsJudged);
    }

    [Fact]
    public void Judge_ReturnBelowZeroEvenAtTheHighEnd_Concludes()
    {
        // Pooled: 5 conversions of 100, cost 5,500 + 5 % of 500 = 5,525.
        var suggestion = RosterRules.Judge("ben", "Ben", [Row("winter", 1, 3000, 0.05, 3, 300, 0, 0), Row("spring", 2, 2500, 0.05, 2, 200, 0, 0)], 150);

        Assert.Equal((RosterActions.Conclude, "high"), (suggestion.Action, suggestion.Confidence));
        var high = RosterRules.CountHigh(5, Interval.Z90) * 100;
        Assert.Equal((high - 5500 - (0.05 * high)) / (5500 + (0.05 * high)), suggestion.Evidence.Roi!.High, 12);
        Assert.Equal((500 - 5525) / 5525.0, suggestion.Evidence.Roi.Estimate, 12);
        Assert.Contains("below zero at the high end", Assert.Single(suggestion.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_MostEngagementNotAuthentic_Concludes_HoweverWellItSells()
    {
        var suggestion = RosterRules.Judge("cara", "Cara", [Row("spring", 1, 100, 0.1, 40, 8000, 50, 50)], 150);

        Assert.Equal((RosterActions.Conclude, "high"), (suggestion.Action, suggestion.Confidence));
        Assert.Equal(0.5, suggestion.Evidence.AuthenticShare!.Estimate);
        Assert.Contains("only 50 % of 100 judged engagements are authentic", Assert.Single(suggestion.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_SellsWellButTooFewJudgedEngagementsToTrust_Renews()
    {
        // 8 of 10 authentic: the share's interval reaches below 80 %, so the roster does not expand on it.
        var suggestion = RosterRules.Judge("eve", "Eve", [Row("spring", 1, 100, 0.1, 40, 8000, 8, 2)], 150);

        Assert.Equal((RosterActions.Renew, "low"), (suggestion.Action, suggestion.Confidence));
        Assert.True(suggestion.Evidence.Roi!.Low > 0);
        Assert.Contains(suggestion.Reasons, r => r.Contains("may be below 80 %", StringComparison.Ordinal));
    }

    [Fact]
    public void Judge_TooFewSalesToTell_Renews()
    {
        // 2 orders of 200 against 540: the interval spans zero.
        var suggestion = RosterRules.Judge("dan", "Dan", [Row("spring", 1, 500, 0.1, 2, 400, 0, 0)], 150);

        Assert.Equal((RosterActions.Renew, "low"), (suggestion.Action, suggestion.Confidence));
        Assert.True(suggestion.Evidence.Roi!.Low < 0 && suggestion.Evidence.Roi.High > 0);
    }

    [Fact]
    public void Judge_NoSaleYet_BoundsRevenueByTheRostersOrderValue_OrSaysNothingBoundsIt()
    {
        // No conversion: at most CountHigh(0) orders at the roster's 100 each, against 1,000 fixed.
        var bounded = RosterRules.Judge("fay", "Fay", [Row("spring", 1, 1000, 0.1, 0, 0, 0, 0)], 100);
        var high = RosterRules.CountHigh(0, Interval.Z90) * 100;
        Assert.Equal((high - 1000 - (0.1 * high)) / (1000 + (0.1 * high)), bounded.Evidence.Roi!.High, 12);
        Assert.Equal(RosterActions.Conclude, bounded.Action);

        var unbounded = RosterRules.Judge("fay", "Fay", [Row("spring", 1, 1000, 0.1, 0, 0, 0, 0)], null);
        Assert.Equal((RosterActions.Renew, "low"), (unbounded.Action, unbounded.Confidence));
        Assert.Null(unbounded.Evidence.Roi);
        Assert.Contains("nothing bounds", Assert.Single(unbounded.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_CampaignsInAnotherCurrency_AreListedNotPooled()
    {
        var suggestion = RosterRules.Judge("anna", "Anna", [Row("winter", 1, 1000, 0.1, 12, 1800, 0, 0) with { Currency = "EUR" }, Row("spring", 2, 800, 0.1, 14, 2100, 0, 0)], 150);

        Assert.Equal(("USD", 1), (suggestion.Evidence.Currency, suggestion.Evidence.Campaigns));
        Assert.Equal(["winter"], suggestion.Evidence.LeftOut);
        Assert.Equal(14.0, suggestion.Evidence.Conversions.Estimate);
        Assert.Equal(2, suggestion.History.Count);
    }

    [Fact]
    public void Judge_CommissionOnlyCreatorWithAFractionOfAConversion_HasAFiniteReturn_AndSerializes()
    {
        // No fixed cost, 10 %: 0.4 conversions' low count is 0, where cost would be 0 too; ROI's limit is 9.
        var suggestion = RosterRules.Judge("gil", "Gil", [Row("spring", 1, 0, 0.1, 0.4, 60, 0, 0)], 150);

        Assert.Equal((9.0, 9.0, 9.0), (suggestion.Evidence.Roi!.Low, suggestion.Evidence.Roi.Estimate, suggestion.Evidence.Roi.High), new RoundedTuple());
        Assert.Contains("\"Low\":9", System.Text.Json.JsonSerializer.Serialize(suggestion), StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_NoCampaignWithFigures_RenewsWithoutPretendingToKnow()
    {
        var suggestion = RosterRules.Judge("gus", "Gus", [], 150);

        Assert.Equal((RosterActions.Renew, "low"), (suggestion.Action, suggestion.Confidence));
        Assert.Null(suggestion.Evidence.Roi);
        Assert.Contains("has figures", Assert.Single(suggestion.Reasons), StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_AuthenticityFromACampaignInAnotherCurrency_StillCounts()
    {
        var suggestion = RosterRules.Judge("cara", "Cara", [Row("winter", 1, 100, 0.1, 0, 0, 10, 90) with { Currency = "EUR" }, Row("spring", 2, 100, 0.1, 40, 8000, 0, 0)], 150);

        Assert.Equal(RosterActions.Conclude, suggestion.Action);
        Assert.Equal(100, suggestion.Evidence.EngagementsJudged);
    }

    private sealed class RoundedTuple : IEqualityComparer<(double, double, double)>
    {
        public bool Equals((double, double, double) x, (double, double, double) y) =>
            Math.Round(x.Item1, 9) == Math.Round(y.Item1, 9) && Math.Round(x.Item2, 9) == Math.Round(y.Item2, 9) && Math.Round(x.Item3, 9) == Math.Round(y.Item3, 9);

        public int GetHashCode((double, double, double) obj) => 0;
    }

    private static CreatorCampaign Row(string campaign, long when, double fixedCost, double rate, double conversions, double revenue, long authentic, long inauthentic) => new()
    {
        CampaignId = campaign,
        CampaignName = campaign,
        Currency = "USD",
        Model = "last_touch",
        LastEventTs = when,
        FixedCost = fixedCost,
        CommissionRate = rate,
        Conversions = conversions,
        Revenue = revenue,
        AuthenticEngagements = authentic,
        InauthenticEngagements = inauthentic,
    };

    /// <summary>P(X ≤ k) for a Poisson mean <paramref name="mean"/>, summed term by term.</summary>
    private static double Cdf(int k, double mean)
    {
        double term = Math.Exp(-mean), sum = term;
        for (var i = 1; i <= k; i++)
        {
            term *= mean / i;
            sum += term;
        }

        return sum;
    }

    /// <summary>The root of a function that falls from positive to negative between 0 and 200.</summary>
    private static double Bisect(Func<double, double> f)
    {
        double low = 0, high = 200;
        for (var i = 0; i < 200; i++)
        {
            var mid = (low + high) / 2;
            (low, high) = f(mid) > 0 ? (mid, high) : (low, mid);
        }

        return (low + high) / 2;
    }
}
