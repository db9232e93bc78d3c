using CreatorStream.Core.Configuration;
using CreatorStream.Core.Estimates;

namespace CreatorStream.Core.Tests.Estimates;

/// <summary>
/// The estimators' arithmetic against values worked out by hand (docs/design.md, "Estimates"; decision 0026): the
/// difference in differences and its intervals, the Wilson share, the leak alert's binomial tail, and the holdout rule.
/// </summary>
public sealed class EstimatorTests
{
    private static LiftTally Tally(long orders, double value = 50)
    {
        var tally = new LiftTally();
        for (var i = 0; i < orders; i++)
        {
            tally.Add(value);
        }

        return tally;
    }

    [Fact]
    public void Lift_HandComputedCells_GiveTheCounterfactualAndItsLogScaleIntervals()
    {
        // Held out grew 50 → 60 (×1.2), so the exposed 100 would have been 120 without the campaign; 150 were seen.
        // Relative variance of the counterfactual 1/100 + 1/60 + 1/50, plus the organic noise 1/120: 0.055; half-width on
        // the log scale 1.6449 × √0.055 = 0.38576; 150 − 120·e^±0.38576 = −26.49 and 68.41.
        var lift = LiftEstimator.Estimate("countries DE", 0, null, Tally(100), Tally(150), Tally(50), Tally(60), unassigned: 4);

        Assert.Equal("estimated", lift.Status);
        Assert.Equal(30, lift.IncrementalConversions!.Estimate, 9);
        Assert.Equal(-26.486451520738285, lift.IncrementalConversions.Low, 6);
        Assert.Equal(68.40733452387472, lift.IncrementalConversions.High, 6);
        // The ratio 150 / 120 − 1 = 0.25; its half-width with the exposed count's noise: 1.6449 × √(0.046667 + 1/150).
        Assert.Equal(0.25, lift.Lift!.Estimate, 9);
        Assert.Equal(-0.1450558402439085, lift.Lift.Low, 6);
        Assert.Equal(0.8276047413971086, lift.Lift.High, 6);
        // Every order worth 50: revenue's relative variances equal the counts', so its interval is 50 times theirs.
        Assert.Equal(1_500, lift.IncrementalRevenue!.Estimate, 6);
        Assert.Equal(-26.486451520738285 * 50, lift.IncrementalRevenue.Low, 4);
        Assert.Equal(68.40733452387472 * 50, lift.IncrementalRevenue.High, 4);
        Assert.Equal(4, lift.Unassigned);
        Assert.Equal(new LiftCell(150, 7_500), lift.ExposedCampaign);
    }

    [Fact]
    public void Lift_ACellUnderTenOrders_IsNotEnoughData_AndSoIsAnIntervalWiderThanAFactorOfTwo()
    {
        var thin = LiftEstimator.Estimate("countries DE", 0, null, Tally(100), Tally(150), Tally(9), Tally(60), 0);
        Assert.Equal("not_enough_data", thin.Status);
        Assert.Equal("each group needs 10 orders in each period; the fewest has 9", thin.Reason);
        Assert.Null(thin.IncrementalConversions);

        // Ten in each cell: log half-width 1.6449 × √(4/10) = 1.04 > ln 2.
        var wide = LiftEstimator.Estimate("countries DE", 0, null, Tally(10), Tally(10), Tally(10), Tally(10), 0);
        Assert.Equal("not_enough_data", wide.Status);
        Assert.NotNull(wide.Lift); // shown, so a reader sees how wide it still is
        Assert.Null(wide.IncrementalConversions);
    }

    [Fact]
    public void Lift_OrdersWithoutValue_GiveIncrementalOrdersOnly_NeverAFigureJsonCannotWrite()
    {
        // Free sign-ups: every cell's revenue is zero, so revenue growth would be 0 / 0.
        var lift = LiftEstimator.Estimate("countries DE", 0, null, Tally(100, 0), Tally(150, 0), Tally(50, 0), Tally(60, 0), 0);

        Assert.Equal("estimated", lift.Status);
        Assert.Equal(30, lift.IncrementalConversions!.Estimate, 9);
        Assert.Null(lift.IncrementalRevenue);
        Assert.Equal("incremental revenue needs orders with value in each group and period", lift.Reason);
        System.Text.Json.JsonSerializer.Serialize(lift, Core.Json.CoreJsonContext.Default.LiftEstimate); // no NaN to refuse
    }

    [Fact]
    public void SuspiciousShare_IsTheWilsonInterval_AndTheAlertNeedsTheBinomialTailUnderOneInAThousand()
    {
        var share = CodeLeakRules.Share(3, 10);
        Assert.Equal(0.3, share.Estimate, 12);
        Assert.Equal(0.1268765839031979, share.Low, 9);
        Assert.Equal(0.5583002041301649, share.High, 9);
        Assert.Equal(new Interval(0, 0, 1), CodeLeakRules.Share(0, 0));
        Assert.Equal(0.11915783736096448, CodeLeakRules.Share(0, 20).High, 9);

        // P(X ≥ 5 | n = 10, p = 0.1) = 0.00163: not an alert; P(X ≥ 6) = 0.000147: an alert; four of four: too few.
        Assert.False(CodeLeakRules.Alerts(5, 10));
        Assert.True(CodeLeakRules.Alerts(6, 10));
        Assert.False(CodeLeakRules.Alerts(4, 4));
        Assert.False(CodeLeakRules.Alerts(5, 20)); // 0.043
    }

    [Fact]
    public void Holdout_CountriesOrAHashedShare_PutEachOrderInItsGroup()
    {
        var countries = new HoldoutConfig { Countries = ["DE", "AT"] };
        Assert.Equal(HoldoutGroup.HeldOut, Holdout.GroupOf(countries, "de", "u-1"));
        Assert.Equal(HoldoutGroup.Exposed, Holdout.GroupOf(countries, "FR", "u-1"));
        Assert.Equal(HoldoutGroup.Unassigned, Holdout.GroupOf(countries, null, "u-1"));

        // SHA-256("s1:u-3") begins 0.158 of 2^64 and "s1:u-5" 0.224 (worked out with Python's hashlib): held out at 20 %,
        // the first only.
        var share = new HoldoutConfig { UserShare = 0.2, Salt = "s1" };
        Assert.Equal(HoldoutGroup.HeldOut, Holdout.GroupOf(share, null, "u-3"));
        Assert.Equal(HoldoutGroup.Exposed, Holdout.GroupOf(share, "DE", "u-5"));
        Assert.Equal(HoldoutGroup.Exposed, Holdout.GroupOf(share, null, "u-1")); // 0.362
        Assert.True(Holdout.IsHeldOut("s1", "u-5", 0.25));
    }
}
