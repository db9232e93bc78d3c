using System.Globalization;
using CreatorStream.Core.Estimates;
using CreatorStream.Core.Roster;

namespace CreatorStream.Core.Forecasts;

/// <summary>
/// Projects a creator's credited conversions and revenue to a horizon's end from their pace so far, and the response
/// to extra spend from their audience's saturation (docs/design.md, "Forecasts"; decision 0031). Pure and thread-safe.
/// </summary>
public static class ForecastRules
{
    /// <summary>
    /// Hours per block when measuring how unevenly orders arrive: half a day, so a post's burst falls in a block or two
    /// and a few days give blocks enough to measure a spread by. Chosen on the back-test's training seeds, against 6
    /// (docs/benchmarks.md, session 32).
    /// </summary>
    public const int BlockHours = 12;

    /// <summary>
    /// How much more the counts vary than Poisson: Pearson's χ² about their mean per degree of freedom, at least 1; 1 with
    /// fewer than two blocks or none with an order (nothing to measure a spread by).
    /// </summary>
    public static double Dispersion(IReadOnlyList<long> blocks)
    {
        if (blocks.Count < 2)
        {
            return 1;
        }

        var mean = 0.0;
        foreach (var count in blocks)
        {
            mean += count;
        }

        mean /= blocks.Count;
        if (mean <= 0)
        {
            return 1;
        }

        var chiSquare = 0.0;
        foreach (var count in blocks)
        {
            chiSquare += (count - mean) * (count - mean) / mean;
        }

        return Math.Max(1, chiSquare / (blocks.Count - 1));
    }

    /// <summary>
    /// Orders still to come in <paramref name="hoursLeft"/> at the pace of <paramref name="orders"/> in
    /// <paramref name="hours"/>, with a 90 % prediction interval: the rate's own uncertainty (a Poisson interval on the
    /// count shrunk by the dispersion) and the future count's noise (its variance the dispersion times its mean),
    /// together in quadrature. Large counts give the normal interval of their sum; none still gives a high end.
    /// </summary>
    public static Interval FutureOrders(long orders, double hours, double hoursLeft, double dispersion)
    {
        if (hoursLeft <= 0 || hours <= 0)
        {
            return new Interval(0, 0, 0);
        }

        const double z = Interval.Z90;
        var scale = dispersion * hoursLeft / hours;
        var effective = orders / dispersion;
        var point = orders * hoursLeft / hours;
        var atHigh = RosterRules.CountHigh(effective, z) * scale;
        var atLow = RosterRules.CountLow(effective, z) * scale;
        var high = point + Math.Sqrt(((atHigh - point) * (atHigh - point)) + (z * z * dispersion * atHigh));
        var low = point - Math.Sqrt(((point - atLow) * (point - atLow)) + (z * z * dispersion * atLow));
        return new Interval(point, Math.Max(0, low), high);
    }

    /// <summary>Whether extra spend on a creator can be scaled: only a fixed fee gives spend a measured price.</summary>
    public static bool CanScale(double fixedCost, ForecastHorizon horizon) => fixedCost * horizon.RemainingShare > 0;

    /// <summary>One creator's projection under <paramref name="extraSpend"/> on top of what they are paid.</summary>
    /// <param name="measure">What the creator has done so far.</param>
    /// <param name="horizon">The time left and what the fee pays for.</param>
    /// <param name="extraSpend">The proposed extra spend, at least 0; more than 0 only when <see cref="CanScale"/>.</param>
    /// <param name="fixedCost">The creator's fee for the campaign (<see cref="Fee"/>).</param>
    /// <param name="commissionRate">Their commission on credited revenue.</param>
    /// <param name="campaignShare">Credited conversions per order across the campaign, for a creator with no order yet; null when none.</param>
    /// <param name="campaignOrderValue">Credited revenue per conversion across the campaign, for a creator with no sale yet; null when none.</param>
    /// <param name="pace">Whose pace the measure is, in words: "the pace so far" or their pace in earlier campaigns.</param>
    public static CreatorForecast Project(
        CreatorMeasure measure, ForecastHorizon horizon, double extraSpend, double fixedCost, double commissionRate, double? campaignShare, double? campaignOrderValue, string pace = "the pace so far")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(extraSpend);
        if (extraSpend > 0 && !CanScale(fixedCost, horizon))
        {
            throw new ArgumentException($"creator '{measure.CreatorId}' has no fixed fee for the rest of the period, so extra spend has no measured price", nameof(extraSpend));
        }

        var multiplier = extraSpend > 0 ? 1 + (extraSpend / (fixedCost * horizon.RemainingShare)) : 1;
        var paceImpressions = measure.Impressions * horizon.HoursLeft / measure.Hours;
        var error = measure.ReachExact ? 0 : Interval.Z90 * AudienceSaturation.SketchError;
        var audience = AudienceSaturation.Audience(measure.Impressions, measure.Reach);
        double Response(double reach) => AudienceSaturation.Response(AudienceSaturation.Audience(measure.Impressions, reach), paceImpressions, multiplier);
        var response = new Interval(
            AudienceSaturation.Response(audience, paceImpressions, multiplier),
            Response(measure.Reach * (1 - error)),
            Response(measure.Reach * (1 + error)));

        var orders = FutureOrders(measure.Orders, measure.Hours, horizon.HoursLeft, measure.Dispersion);
        var share = Share(measure, campaignShare);
        var additional = Combine(orders, share, response);
        var orderValue = measure.Conversions > 0 ? measure.Revenue / measure.Conversions : campaignOrderValue;
        var additionalRevenue = orderValue is { } value ? additional.Times(value) : null;
        return new CreatorForecast
        {
            CreatorId = measure.CreatorId,
            ExtraSpend = extraSpend,
            ImpressionMultiplier = multiplier,
            Audience = double.IsPositiveInfinity(audience) ? null : Math.Round(audience),
            Response = response,
            HoursMeasured = measure.Hours,
            Orders = measure.Orders,
            Dispersion = measure.Dispersion,
            ConversionsToDate = measure.Conversions,
            RevenueToDate = measure.Revenue,
            AdditionalConversions = additional,
            AdditionalRevenue = additionalRevenue,
            Conversions = additional.Plus(measure.Conversions),
            Revenue = additionalRevenue?.Plus(measure.Revenue),
            AdditionalCost = extraSpend + (commissionRate * (additionalRevenue?.Estimate ?? 0)),
            Fit = Fit(measure, share.Estimate, audience, multiplier, pace),
        };
    }

    /// <summary>
    /// Credited conversions per order with its 90 % interval: the creator's own (Wilson's, on the orders as trials, so
    /// an order that others took the credit for so far does not promise none for the future), else the campaign's, else
    /// anything from none to every order whole.
    /// </summary>
    public static Interval Share(CreatorMeasure measure, double? campaignShare)
    {
        if (measure.Orders <= 0)
        {
            return new Interval(campaignShare ?? 1, 0, 1);
        }

        var share = measure.Conversions / measure.Orders;
        var wilson = Interval.Wilson(Math.Clamp(measure.Conversions, 0, measure.Orders), measure.Orders, Interval.Z90);
        return new Interval(share, Math.Min(share, wilson.Low), Math.Max(share, wilson.High));
    }

    /// <summary>
    /// The product of three independent estimates, each interval's distance from its estimate carried over relatively
    /// and added in quadrature on each side (a product of the extremes would be far wider than 90 %). With no orders to
    /// date, or no credit yet, the estimate is none and only the high end says anything: the product of the high ends.
    /// </summary>
    public static Interval Combine(Interval orders, Interval share, Interval response)
    {
        if (orders.Estimate <= 0 || share.Estimate <= 0)
        {
            return new Interval(0, 0, orders.High * share.High * response.High);
        }

        var estimate = orders.Estimate * share.Estimate * response.Estimate;
        var below = Hypot(
            (orders.Estimate - orders.Low) * share.Estimate * response.Estimate,
            orders.Estimate * (share.Estimate - share.Low) * response.Estimate,
            orders.Estimate * share.Estimate * (response.Estimate - response.Low));
        var above = Hypot(
            (orders.High - orders.Estimate) * share.Estimate * response.Estimate,
            orders.Estimate * (share.High - share.Estimate) * response.Estimate,
            orders.Estimate * share.Estimate * (response.High - response.Estimate));
        return new Interval(estimate, Math.Max(0, estimate - below), estimate + above);
    }

    private static double Hypot(double a, double b, double c) => Math.Sqrt((a * a) + (b * b) + (c * c));

    /// <summary>
    /// The sum of the creators' intervals, the ends added: creators share an audience and its bursts, so they are not
    /// taken as independent (halves in quadrature held 15 of 18 campaign sums in the back-test, short of 90 %).
    /// </summary>
    public static Interval Sum(IEnumerable<Interval> parts)
    {
        double estimate = 0, low = 0, high = 0;
        foreach (var part in parts)
        {
            (estimate, low, high) = (estimate + part.Estimate, low + part.Low, high + part.High);
        }

        return new Interval(estimate, low, high);
    }

    /// <summary>
    /// The most extra spend takes, as a multiple of what the fee pays for the rest of the period: beyond ten times the
    /// pace's impressions the audience curve is extrapolated far past anything measured.
    /// </summary>
    public const double MaxMultiplier = 11;

    /// <summary>The part of a creator's costs that buys their work over the period: the fee and the agency's, not one-off product or shipping.</summary>
    public static double Fee(Configuration.CreatorCosts costs) => costs.FlatFee + costs.AgencyFee;

    private static string Fit(CreatorMeasure measure, double share, double audience, double multiplier, string pace)
    {
        var measured = string.Create(CultureInfo.InvariantCulture, $"{measure.Orders} orders in {measure.Hours:0.#} hours (dispersion {measure.Dispersion:0.##} over {BlockHours}-hour blocks), {share:0.###} credited conversions an order");
        var returns = double.IsPositiveInfinity(audience)
            ? "no repeat showing measured, so returns are taken as linear"
            : string.Create(CultureInfo.InvariantCulture, $"an audience of about {audience:N0} fitted to {measure.Impressions:N0} impressions reaching {measure.Reach:N0} people");
        return multiplier == 1
            ? $"At {pace}: {measured}."
            : string.Create(CultureInfo.InvariantCulture, $"At {pace}, {multiplier:0.##}× the impressions for the rest of the period: {measured}; diminishing returns from {returns}.");
    }
}
