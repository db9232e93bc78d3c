using System.Globalization;
using CreatorStream.Core.Estimates;

namespace CreatorStream.Core.Roster;

/// <summary>
/// The roster's rules (docs/design.md, "Roster"; decision 0030): pool a creator's campaigns of one currency, put a 90 %
/// interval on their credited conversions (Poisson) and let revenue and the commission on it follow, and suggest:
/// <list type="bullet">
/// <item><see cref="RosterActions.Conclude"/> when even the high end of the return on cost is below zero, or even the
/// high end of the authentic share is below <see cref="MinAuthenticShare"/>;</item>
/// <item><see cref="RosterActions.Expand"/> when the low end of the return is above zero and the authentic share's low end
/// is at least <see cref="MinAuthenticShare"/> (or nothing was judged yet);</item>
/// <item><see cref="RosterActions.Renew"/> otherwise.</item>
/// </list>
/// A suggestion that still holds with 99 % intervals is <c>high</c> confidence, else <c>medium</c>; a renewal is
/// <c>low</c>. Pure.
/// </summary>
public static class RosterRules
{
    /// <summary>The two-sided 99 % normal quantile.</summary>
    public const double Z99 = 2.5758293035489004;

    /// <summary>Below this share of authentic engagement a creator's audience is mostly bought or botted for the roster.</summary>
    public const double MinAuthenticShare = 0.8;

    /// <summary>
    /// The suggestion for a creator from their campaigns (any order). <paramref name="brandOrderValue"/> is the credited
    /// revenue per credited conversion over the whole roster: it bounds what a creator with no conversion yet might sell.
    /// </summary>
    public static RosterSuggestion Judge(string creatorId, string name, IReadOnlyList<CreatorCampaign> campaigns, double? brandOrderValue)
    {
        var history = campaigns.OrderBy(c => c.When).ThenBy(c => c.CampaignId, StringComparer.Ordinal).ToList();
        if (history.Count == 0)
        {
            return new RosterSuggestion
            {
                CreatorId = creatorId,
                Name = name,
                Action = RosterActions.Renew,
                Confidence = "low",
                Reasons = ["none of their campaigns has figures in the store yet (not started, or older than the store keeps)"],
                Evidence = new RosterEvidence { Conversions = new Interval(0, 0, 0) },
            };
        }

        var currency = history.Count > 0 ? history[^1].Currency : "";
        var pooled = history.Where(c => c.Currency == currency).ToList();
        var evidence = Evidence(pooled, history, currency, [.. history.Where(c => c.Currency != currency).Select(c => c.CampaignId)], brandOrderValue, Interval.Z90);
        var sure = Evidence(pooled, history, currency, [], brandOrderValue, Z99);
        var (action, confidence, reasons) = Decide(evidence, sure);
        return new RosterSuggestion
        {
            CreatorId = creatorId,
            Name = name,
            Action = action,
            Confidence = confidence,
            Reasons = reasons,
            Evidence = evidence,
            History = history,
        };
    }

    private static (string Action, string Confidence, IReadOnlyList<string> Reasons) Decide(RosterEvidence at90, RosterEvidence at99)
    {
        var c = at90.Currency;
        List<string> reasons = [];
        if (at90.AuthenticShare is { } share && share.High < MinAuthenticShare)
        {
            reasons.Add(Text($"only {share.Estimate:P0} of {at90.EngagementsJudged:N0} judged engagements are authentic (90 % interval {share.Low:P0} to {share.High:P0}), below {MinAuthenticShare:P0}"));
        }

        if (at90.Roi is { } losing && losing.High < 0)
        {
            reasons.Add(Text($"return on cost {losing.Estimate:P0} stays below zero at the high end of its interval ({losing.Low:P0} to {losing.High:P0}) on {at90.Conversions.Estimate:0.#} conversions, {at90.RevenueTotal:N2} {c} revenue against {at90.Cost:N2} {c} cost"));
        }

        if (reasons.Count > 0)
        {
            var sure = (at99.AuthenticShare is { } s99 && s99.High < MinAuthenticShare) || (at99.Roi is { } r99 && r99.High < 0);
            return (RosterActions.Conclude, sure ? "high" : "medium", reasons);
        }

        var authentic = at90.AuthenticShare is null || at90.AuthenticShare.Low >= MinAuthenticShare;
        if (at90.Roi is { } roi && roi.Low > 0 && authentic)
        {
            reasons.Add(Text($"return on cost {roi.Estimate:P0} stays above zero at the low end of its interval ({roi.Low:P0} to {roi.High:P0}) on {at90.Conversions.Estimate:0.#} conversions"));
            reasons.Add(at90.AuthenticShare is { } a
                ? Text($"{a.Estimate:P0} of {at90.EngagementsJudged:N0} judged engagements are authentic (90 % interval {a.Low:P0} to {a.High:P0})")
                : "no engagement judged yet: authenticity is not known");
            reasons.Add("more budget buys more of a creator's audience at a falling return: expand by steps and watch the return");
            var sure = at99.Roi is { } r99 && r99.Low > 0 && (at99.AuthenticShare is null || at99.AuthenticShare.Low >= MinAuthenticShare);
            return (RosterActions.Expand, sure ? "high" : "medium", reasons);
        }

        reasons.Add(at90.Roi is { } open
            ? Text($"return on cost {open.Estimate:P0} on {at90.Conversions.Estimate:0.#} conversions: its interval ({open.Low:P0} to {open.High:P0}) spans zero")
            : at90.Cost > 0 ? "no conversion anywhere in the roster yet: nothing bounds what this creator might sell" : "no cost recorded: the return on cost is not known");
        if (!authentic)
        {
            reasons.Add(Text($"the authentic share ({at90.AuthenticShare!.Estimate:P0} of {at90.EngagementsJudged:N0} judged, 90 % interval {at90.AuthenticShare.Low:P0} to {at90.AuthenticShare.High:P0}) may be below {MinAuthenticShare:P0}"));
        }

        return (RosterActions.Renew, "low", reasons);
    }

    /// <summary>Money from <paramref name="pooled"/> (one currency); authenticity from every campaign, as it has no currency.</summary>
    private static RosterEvidence Evidence(List<CreatorCampaign> pooled, List<CreatorCampaign> all, string currency, IReadOnlyList<string> leftOut, double? brandOrderValue, double z)
    {
        // Credit a refund left as rounding residue is none (docs/design.md, "Metrics").
        var n = Settled(pooled.Sum(c => c.Conversions));
        var revenue = Settled(pooled.Sum(c => c.Revenue));
        var fixedCost = pooled.Sum(c => c.FixedCost);
        var commission = pooled.Sum(c => c.CommissionRate * c.Revenue);
        var cost = fixedCost + commission;
        var conversions = new Interval(n, CountLow(n, z), CountHigh(n, z));

        // Revenue moves with the count of conversions at the creator's own order value (the roster's, before any sale);
        // with no sale anywhere in the roster, nothing bounds it.
        var orderValue = n > 0 ? revenue / n : brandOrderValue;
        var revenueInterval = orderValue is { } value ? new Interval(revenue, conversions.Low * value, conversions.High * value) : null;

        // The commission moves with revenue at the pooled rate (revenue-weighted; the plain mean before any revenue).
        var rate = revenue > 0 ? commission / revenue : pooled.Count > 0 ? pooled.Average(c => c.CommissionRate) : 0;
        Interval? roi = cost > 0 && revenueInterval is not null
            ? new Interval(Roi(revenue, fixedCost, rate), Roi(revenueInterval.Low, fixedCost, rate), Roi(revenueInterval.High, fixedCost, rate))
            : null;
        var authentic = all.Sum(c => c.AuthenticEngagements);
        var judged = authentic + all.Sum(c => c.InauthenticEngagements);
        return new RosterEvidence
        {
            Currency = currency,
            Campaigns = pooled.Count,
            LeftOut = leftOut,
            Conversions = conversions,
            Revenue = revenueInterval,
            RevenueTotal = revenue,
            Cost = cost,
            Roi = roi,
            Cpa = n > 0 ? cost / n : null,
            EngagementsJudged = judged,
            AuthenticShare = judged > 0 ? Interval.Wilson(authentic, judged, z) : null,
        };
    }

    /// <summary>ROI at a revenue; with no fixed cost and no revenue, its limit (1 − rate) / rate, never 0 / 0.</summary>
    private static double Roi(double revenue, double fixedCost, double rate)
    {
        var cost = fixedCost + (rate * revenue);
        return cost > 0 ? (revenue - cost) / cost : (1 - rate) / rate;
    }

    private static double Settled(double credit) => Math.Abs(credit) < Metrics.Ratio.CreditResidue ? 0 : credit;

    /// <summary>The low end of a Poisson count's interval at normal quantile <paramref name="z"/> (Wilson and Hilferty's approximation of the exact interval).</summary>
    public static double CountLow(double n, double z)
    {
        if (n <= 0)
        {
            return 0;
        }

        var root = 1 - (1 / (9 * n)) - (z / (3 * Math.Sqrt(n)));
        return root <= 0 ? 0 : n * root * root * root;
    }

    /// <summary>The high end of a Poisson count's interval at normal quantile <paramref name="z"/>.</summary>
    public static double CountHigh(double n, double z)
    {
        var m = Math.Max(n, 0) + 1;
        var root = 1 - (1 / (9 * m)) + (z / (3 * Math.Sqrt(m)));
        return m * root * root * root;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
