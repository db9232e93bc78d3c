namespace CreatorStream.Core.Estimates;

/// <summary>Orders of one group in one period: count, value and the sum of the values' squares.</summary>
public struct LiftTally
{
    public long Conversions;
    public double Revenue;
    public double RevenueSquares;

    public void Add(double value)
    {
        Conversions++;
        Revenue += value;
        RevenueSquares += value * value;
    }

    public readonly LiftCell Cell => new(Conversions, Revenue);
}

/// <summary>
/// Incrementality by difference in differences (docs/design.md, "Estimates"; decision 0026). What the exposed group
/// would have ordered in the campaign period without the campaign is its baseline-period orders times the held-out
/// group's growth between the periods (a ratio of ratios: differences on the log scale, so the two groups may differ in
/// size and the market may trend). Incremental = observed − that counterfactual. Its interval: the counterfactual's on
/// the log scale, from the three counts it is made of and the exposed orders' own Poisson noise around it (compound
/// Poisson for revenue). Pure.
/// </summary>
public static class LiftEstimator
{
    /// <summary>Fewest orders in each of the four cells before anything is estimated.</summary>
    public const long MinCellConversions = 10;

    /// <summary>The interval of the lift ratio must be narrower than this factor on each side to be useful.</summary>
    public const double MaxRatioSpread = 2.0;

    public const string MethodText =
        "Difference in differences on the log scale: counterfactual = exposed baseline orders x held-out campaign/baseline ratio; "
        + "incremental = exposed campaign orders - counterfactual. 90% intervals on the counterfactual's log scale from Poisson (compound Poisson for revenue) counts.";

    public static LiftEstimate Estimate(string holdout, long start, long? end, LiftTally exposedBaseline, LiftTally exposedCampaign, LiftTally heldBaseline, LiftTally heldCampaign, long unassigned)
    {
        var estimate = new LiftEstimate
        {
            Status = "not_enough_data",
            Method = MethodText,
            Holdout = holdout,
            Start = start,
            End = end,
            ExposedBaseline = exposedBaseline.Cell,
            ExposedCampaign = exposedCampaign.Cell,
            HeldOutBaseline = heldBaseline.Cell,
            HeldOutCampaign = heldCampaign.Cell,
            Unassigned = unassigned,
        };
        var fewest = Math.Min(Math.Min(exposedBaseline.Conversions, exposedCampaign.Conversions), Math.Min(heldBaseline.Conversions, heldCampaign.Conversions));
        if (fewest < MinCellConversions)
        {
            return estimate with { Reason = $"each group needs {MinCellConversions} orders in each period; the fewest has {fewest}" };
        }

        double e0 = exposedBaseline.Conversions, e1 = exposedCampaign.Conversions, h0 = heldBaseline.Conversions, h1 = heldCampaign.Conversions;
        var growth = h1 / h0;
        var counterfactual = e0 * growth;
        var relative = (1 / e0) + (1 / h1) + (1 / h0);
        var incremental = Beyond(e1, counterfactual, relative + (1 / counterfactual));

        // The ratio's interval on the log scale, with the exposed campaign count's noise too.
        var logRatio = Math.Log(e1 / counterfactual);
        var logHalf = Interval.Z90 * Math.Sqrt(relative + (1 / e1));
        var lift = new Interval(Math.Exp(logRatio) - 1, Math.Exp(logRatio - logHalf) - 1, Math.Exp(logRatio + logHalf) - 1);
        if (logHalf > Math.Log(MaxRatioSpread))
        {
            return estimate with
            {
                Reason = $"the lift's interval is still wider than a factor of {MaxRatioSpread} either way",
                Lift = lift,
            };
        }

        // Revenue needs value in every cell (a campaign of free sign-ups has none): without it, orders only.
        if (!(exposedBaseline.Revenue > 0 && exposedCampaign.Revenue > 0 && heldBaseline.Revenue > 0 && heldCampaign.Revenue > 0))
        {
            return estimate with
            {
                Status = "estimated",
                Reason = "incremental revenue needs orders with value in each group and period",
                Lift = lift,
                IncrementalConversions = incremental,
            };
        }

        var revenueGrowth = heldCampaign.Revenue / heldBaseline.Revenue;
        var revenueCounterfactual = exposedBaseline.Revenue * revenueGrowth;
        var revenueRelative = (exposedBaseline.RevenueSquares / Square(exposedBaseline.Revenue))
            + (heldCampaign.RevenueSquares / Square(heldCampaign.Revenue))
            + (heldBaseline.RevenueSquares / Square(heldBaseline.Revenue));

        // The exposed campaign period's organic orders vary as a compound Poisson of the counterfactual's size.
        var organicShare = Math.Min(1, counterfactual / e1);
        var revenue = Beyond(
            exposedCampaign.Revenue, revenueCounterfactual, revenueRelative + (exposedCampaign.RevenueSquares * organicShare / Square(revenueCounterfactual)));
        return estimate with { Status = "estimated", Lift = lift, IncrementalConversions = incremental, IncrementalRevenue = revenue };
    }

    /// <summary>
    /// What was observed beyond a counterfactual whose relative variance (its own, and the noise of the organic part of
    /// the observation) is <paramref name="relativeVariance"/>: the interval is taken on the log scale of the
    /// counterfactual, since a ratio of counts is skewed (a small held-out count makes the counterfactual's upper tail long).
    /// </summary>
    private static Interval Beyond(double observed, double counterfactual, double relativeVariance)
    {
        var half = Interval.Z90 * Math.Sqrt(relativeVariance);
        return new Interval(observed - counterfactual, observed - (counterfactual * Math.Exp(half)), observed - (counterfactual * Math.Exp(-half)));
    }

    private static double Square(double x) => x * x;
}
