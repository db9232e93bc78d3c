using CreatorStream.Core.Configuration;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Forecasts;

/// <summary>
/// Builds a campaign's forecast from its report to date and its creators' hourly series (docs/design.md,
/// "Forecasts"), or says why it cannot. Pure and thread-safe.
/// </summary>
public static class CampaignForecaster
{
    public const string Method =
        "Each creator's orders still to come are their orders per hour since the campaign's first hour, times the hours left, with a "
        + "90 % prediction interval: the pace's own uncertainty and the future's noise, both widened by how unevenly the "
        + "orders arrived over 12-hour blocks (the creator's, at least the campaign's). Orders become credited conversions at the creator's share so far (with its interval) and revenue "
        + "at their order value so far (the campaign's before their first sale). Extra spend buys impressions at the price "
        + "the creator's fee (flat and agency) pays for the rest of the period, and converts as the new people it reaches: the audience size "
        + "is fitted to the creator's impressions and reach, so returns diminish as it is used up. The campaign's interval adds "
        + "the creators' ends: they share an audience and its bursts.";

    /// <summary>Before launch and in the first day: the projection's basis is the creators' earlier campaigns.</summary>
    public const string HistoryBasis = "history";

    public const string HistoryMethod =
        "Before the campaign has a day of figures of its own, each creator's orders to come are their orders per hour in the brand's "
        + "earlier campaigns in the same currency (those with a day of figures, pooled), times the hours from the goal's start, with a 90 % prediction "
        + "interval widened by how unevenly those orders arrived over 12-hour blocks (the creator's, at least the earlier campaigns'). "
        + "Orders become credited conversions at the creator's share in those campaigns and revenue at their order value there. "
        + "The pace is taken as it was, whatever either campaign paid; extra spend buys impressions at the price this campaign's fee "
        + "pays, with diminishing returns from the audience fitted in the newest earlier campaign. Creators with no earlier campaign "
        + "are named and left out of the sums, which add the creators' ends.";

    /// <summary>The refusal with neither an end date nor an <c>until</c>: the request must give one (a 400).</summary>
    public const string NoEnd = "the campaign's goal has no end date: give until";

    /// <summary>The refusal before any event: nothing is wrong with the request, the campaign has not started (a 409).</summary>
    public const string NoEvents = "the campaign has no events yet: nothing measured to project from";

    /// <summary>The refusal in a campaign's first day: too few 12-hour blocks to measure how unevenly orders come (a 409).</summary>
    public const string TooEarly = "the campaign has less than a day of figures: too little to measure how unevenly its orders come";

    /// <summary>Hours from the campaign's first hour before a forecast is made: two blocks, so a spread can be measured.</summary>
    public const int MinMeasuredHours = 2 * ForecastRules.BlockHours;

    /// <summary>The furthest horizon: a year past the newest event.</summary>
    public const int MaxHorizonHours = 366 * 24;

    /// <summary>The forecast, or the reason it cannot be made (<see cref="NoEvents"/>, or one the request must mend).</summary>
    /// <param name="campaign">The campaign, with the model to credit under as its reporting model.</param>
    /// <param name="report">Its figures to date under that model.</param>
    /// <param name="hours">Each creator's hourly series to date (hours with events).</param>
    /// <param name="asOf">The campaign's newest event (ms); null before any.</param>
    /// <param name="until">The horizon's end (ms); null for the goal's end.</param>
    /// <param name="allocation">Extra spend by creator id; creators not named get none.</param>
    public static (CampaignForecast? Forecast, string? Refusal) Build(
        CampaignConfig campaign,
        CampaignReport report,
        IReadOnlyDictionary<string, IReadOnlyList<PeriodView>> hours,
        long? asOf,
        long? until,
        IReadOnlyDictionary<string, double> allocation)
    {
        if (campaign.Goal?.End?.ToUnixTimeMilliseconds() is null && until is null)
        {
            return (null, NoEnd);
        }

        if (asOf is not { } asOfMs)
        {
            return (null, NoEvents);
        }

        var firstHour = FirstHour(hours, asOfMs);
        if (!HasADay(firstHour, asOfMs))
        {
            return (null, TooEarly);
        }

        // The fee pays for the goal's dated period, else for the time from the first hour to the horizon's end.
        var (setup, refusal) = Prepare(campaign, report, asOfMs, "the campaign's newest event", campaign.Goal?.Start?.ToUnixTimeMilliseconds() ?? firstHour, until, allocation);
        if (setup is null)
        {
            return (null, refusal);
        }

        var model = campaign.Attribution.ReportingModel;
        var measures = campaign.Creators.Select(c => Measure(c.CreatorId, report.Creators.GetValueOrDefault(c.CreatorId), hours.GetValueOrDefault(c.CreatorId) ?? [], firstHour, asOfMs, model)).ToList();
        var creators = Project(campaign, setup, WithCampaignFloor(measures), allocation, "the pace so far");
        return (Assemble(campaign, setup, creators, measures.Sum(m => m.Conversions), measures.Sum(m => m.Revenue)) with { Method = Method }, null);
    }

    /// <summary>
    /// The forecast before launch, and in the campaign's first day (too early to measure a pace of its own): each
    /// creator's pace in the brand's earlier campaigns, projected from the goal's start (else the campaign's first hour)
    /// as if none of this campaign had happened yet. Creators with no earlier campaign are named, not projected, and not
    /// in the sums.
    /// </summary>
    /// <param name="campaign">The campaign, with the model to credit under as its reporting model.</param>
    /// <param name="report">Its figures to date (for the budget spent); null before any event.</param>
    /// <param name="history">Each of its creators' measures in the brand's earlier campaigns that have a day of figures, newest campaign last.</param>
    /// <param name="earlier">The earlier campaigns read, by id.</param>
    /// <param name="firstHour">The campaign's first hour (ms); null before any event.</param>
    /// <param name="until">The horizon's end (ms); null for the goal's end.</param>
    /// <param name="allocation">Extra spend by creator id; creators not named get none.</param>
    public static (CampaignForecast? Forecast, string? Refusal) BuildFromHistory(
        CampaignConfig campaign,
        CampaignReport? report,
        IReadOnlyDictionary<string, IReadOnlyList<CreatorMeasure>> history,
        IReadOnlyList<string> earlier,
        long? firstHour,
        long? until,
        IReadOnlyDictionary<string, double> allocation)
    {
        if (campaign.Goal?.End?.ToUnixTimeMilliseconds() is null && until is null)
        {
            return (null, NoEnd);
        }

        if ((campaign.Goal?.Start?.ToUnixTimeMilliseconds() ?? firstHour) is not { } start)
        {
            return (null, NoEvents + ", and the goal names no start date to project from");
        }

        var pooled = campaign.Creators
            .Where(c => history.GetValueOrDefault(c.CreatorId) is { Count: > 0 })
            .Select(c => Pool(c.CreatorId, history[c.CreatorId]))
            .ToList();
        if (pooled.Count == 0)
        {
            return (null, (firstHour is null ? NoEvents : TooEarly) + ", and none of its creators has an earlier campaign of the brand with a day of figures");
        }

        if (allocation.Keys.FirstOrDefault(id => campaign.Creators.Any(c => c.CreatorId == id) && pooled.All(m => m.CreatorId != id)) is { } unmeasured)
        {
            return (null, $"creator '{unmeasured}' has no earlier campaign of the brand to project their extra spend from");
        }

        var (setup, refusal) = Prepare(campaign, report, start, "the projection's start (the goal's start, else the campaign's first hour)", start, until, allocation);
        if (setup is null)
        {
            return (null, refusal);
        }

        // Projected as at launch: what the earlier campaigns credited is the basis, not this campaign's to date.
        var creators = Project(campaign, setup, WithCampaignFloor(pooled), allocation, $"their pace in the brand's earlier campaigns ({string.Join(", ", earlier)})")
            .Select(c => c with { ConversionsToDate = 0, RevenueToDate = 0, Conversions = c.AdditionalConversions, Revenue = c.AdditionalRevenue })
            .ToList();
        return (Assemble(campaign, setup, creators, 0, 0) with
        {
            Basis = HistoryBasis,
            EarlierCampaigns = earlier,
            NotProjected = [.. campaign.Creators.Select(c => c.CreatorId).Where(id => pooled.All(m => m.CreatorId != id))],
            Method = HistoryMethod,
        }, null);
    }

    /// <summary>
    /// A creator's measures over several earlier campaigns as one: hours, orders, credit and revenue summed, the
    /// dispersion weighted by hours, and the audience (impressions and reach, which do not add across campaigns) the
    /// newest campaign's.
    /// </summary>
    public static CreatorMeasure Pool(string creatorId, IReadOnlyList<CreatorMeasure> measures)
    {
        var hours = measures.Sum(m => m.Hours);
        var newest = measures[^1];
        return new CreatorMeasure(
            creatorId,
            hours,
            measures.Sum(m => m.Orders),
            Math.Max(1, measures.Sum(m => m.Dispersion * m.Hours) / hours),
            measures.Sum(m => m.Conversions),
            measures.Sum(m => m.Revenue),
            newest.Impressions,
            newest.Reach,
            newest.ReachExact);
    }

    /// <summary>The first hour with events of any creator; the newest event's hour when none.</summary>
    public static long FirstHour(IReadOnlyDictionary<string, IReadOnlyList<PeriodView>> hours, long asOf) =>
        hours.Values.Where(h => h.Count > 0).Select(h => h[0].Start).DefaultIfEmpty(SeriesPeriods.Start(SeriesGranularity.Hour, asOf)).Min();

    /// <summary>Whether a campaign measured from <paramref name="firstHour"/> to <paramref name="asOf"/> has the two blocks a spread needs.</summary>
    public static bool HasADay(long firstHour, long asOf) => asOf - firstHour >= MinMeasuredHours * SeriesPeriods.HourMs;

    /// <summary>What both bases check and work out before projecting: the horizon, the budget and the allocation's price.</summary>
    private static (Setup? Setup, string? Refusal) Prepare(
        CampaignConfig campaign, CampaignReport? report, long asOfMs, string asOfWords, long start, long? until, IReadOnlyDictionary<string, double> allocation)
    {
        var goalEnd = campaign.Goal?.End?.ToUnixTimeMilliseconds();
        var untilMs = until ?? goalEnd!.Value;
        if (untilMs <= asOfMs || untilMs > goalEnd || untilMs - asOfMs > MaxHorizonHours * SeriesPeriods.HourMs)
        {
            return (null, $"until must be after {asOfWords} ({asOfMs} ms){(goalEnd is { } e ? $", no later than the goal's end ({e} ms)" : "")} and within {MaxHorizonHours / 24} days of it, in ms since the epoch");
        }

        if (allocation.FirstOrDefault(a => campaign.Creators.All(c => c.CreatorId != a.Key)) is { Key: { } unknown })
        {
            return (null, $"campaign '{campaign.CampaignId}' has no creator '{unknown}'");
        }

        if (allocation.FirstOrDefault(a => !double.IsFinite(a.Value) || a.Value < 0) is { Key: { } negative })
        {
            return (null, $"the allocation to '{negative}' must be a number at least 0");
        }

        var horizon = new ForecastHorizon((untilMs - asOfMs) / (double)SeriesPeriods.HourMs, ((goalEnd ?? untilMs) - start) / (double)SeriesPeriods.HourMs);
        // Before the first event nothing is reported, but the fixed costs are committed (the report counts them in full
        // from the first event on), so the budget left does not jump at launch.
        var spent = report?.Creators.Values.Sum(c => c.Cost ?? 0) ?? campaign.Creators.Sum(c => ReportBuilder.Cost(c.Costs, 0));
        var budgetRemaining = campaign.Goal?.Budget is { } budget ? budget - spent : (double?)null;
        var allocated = allocation.Values.Sum();
        if (budgetRemaining is { } remaining && allocated > Math.Max(0, remaining) + Metrics.Ratio.CreditResidue)
        {
            return (null, $"the allocation totals {allocated:0.##}, more than the {Math.Max(0, remaining):0.##} left of the goal's budget");
        }

        var fees = campaign.Creators.ToDictionary(c => c.CreatorId, c => ForecastRules.Fee(c.Costs), StringComparer.Ordinal);
        if (allocation.FirstOrDefault(a => a.Value > 0 && !ForecastRules.CanScale(fees[a.Key], horizon)) is { Key: { } unpriced })
        {
            return (null, $"creator '{unpriced}' has no fee for the rest of the period, so extra spend on them has no measured price");
        }

        if (allocation.FirstOrDefault(a => a.Value > (ForecastRules.MaxMultiplier - 1) * fees[a.Key] * horizon.RemainingShare) is { Key: { } tooMuch })
        {
            return (null, $"the allocation to '{tooMuch}' is more than {ForecastRules.MaxMultiplier - 1} times what their fee pays for the rest of the period ({fees[tooMuch] * horizon.RemainingShare:0.##}): beyond anything measured");
        }

        return (new Setup(asOfMs, untilMs, horizon, budgetRemaining, allocated, fees), null);
    }

    /// <summary>
    /// A creator's few blocks measure their spread poorly: the campaign's (the creators' weighted by hours measured) is
    /// the floor, as bursts from posts competing for one audience move every creator's orders.
    /// </summary>
    private static List<CreatorMeasure> WithCampaignFloor(List<CreatorMeasure> measures)
    {
        var pooled = Math.Max(1, measures.Sum(m => m.Dispersion * m.Hours) / measures.Sum(m => m.Hours));
        return [.. measures.Select(m => m with { Dispersion = Math.Max(m.Dispersion, pooled) })];
    }

    private static List<CreatorForecast> Project(CampaignConfig campaign, Setup setup, List<CreatorMeasure> measures, IReadOnlyDictionary<string, double> allocation, string pace)
    {
        var byId = campaign.Creators.ToDictionary(c => c.CreatorId, StringComparer.Ordinal);
        var orders = measures.Sum(m => m.Orders);
        var conversions = measures.Sum(m => m.Conversions);
        double? share = orders > 0 ? conversions / orders : null;
        double? orderValue = conversions > 0 ? measures.Sum(m => m.Revenue) / conversions : null;
        return [.. measures.Select(m => ForecastRules.Project(
            m, setup.Horizon, allocation.GetValueOrDefault(m.CreatorId), setup.Fees[m.CreatorId], byId[m.CreatorId].Costs.CommissionRate, share, orderValue, pace))];
    }

    private static CampaignForecast Assemble(CampaignConfig campaign, Setup setup, List<CreatorForecast> creators, double conversionsToDate, double revenueToDate)
    {
        var additional = ForecastRules.Sum(creators.Select(c => c.AdditionalConversions));
        var additionalRevenue = creators.All(c => c.AdditionalRevenue is not null) ? ForecastRules.Sum(creators.Select(c => c.AdditionalRevenue!)) : null;
        return new CampaignForecast
        {
            CampaignId = campaign.CampaignId,
            Model = campaign.Attribution.ReportingModel,
            Currency = campaign.Currency,
            AsOf = setup.AsOf,
            Until = setup.Until,
            HoursLeft = setup.Horizon.HoursLeft,
            BudgetRemaining = setup.BudgetRemaining,
            Allocated = setup.Allocated,
            Creators = creators,
            AdditionalConversions = additional,
            AdditionalRevenue = additionalRevenue,
            Conversions = additional.Plus(conversionsToDate),
            Revenue = additionalRevenue?.Plus(revenueToDate),
        };
    }

    private sealed record Setup(long AsOf, long Until, ForecastHorizon Horizon, double? BudgetRemaining, double Allocated, Dictionary<string, double> Fees);

    /// <summary>
    /// A creator's measurements: hours from the campaign's first hour (not the creator's: a clock started by their first
    /// sale would make one order a pace) to the newest event, orders summed from the series, and their dispersion over
    /// whole blocks from that hour, hours without events counted as none.
    /// </summary>
    public static CreatorMeasure Measure(string creatorId, CreatorReport? figures, IReadOnlyList<PeriodView> hours, long campaignFirstHour, long asOf, string model)
    {
        var first = campaignFirstHour;
        var measured = Math.Max(1, (asOf - first) / (double)SeriesPeriods.HourMs);
        var blockMs = ForecastRules.BlockHours * SeriesPeriods.HourMs;
        var blocks = new long[(int)Math.Max(0, (asOf - first) / blockMs)];
        long orders = 0;
        foreach (var hour in hours)
        {
            orders += hour.Counters.Conversions;
            var block = (hour.Start - first) / blockMs;
            if (block < blocks.Length)
            {
                blocks[block] += hour.Counters.Conversions;
            }
        }

        var credit = figures?.Attribution?.GetValueOrDefault(model);
        var reach = figures?.Reach ?? 0;
        return new CreatorMeasure(
            creatorId,
            measured,
            orders,
            ForecastRules.Dispersion(blocks),
            credit?.Conversions ?? 0,
            credit?.Revenue ?? 0,
            figures?.Impressions ?? 0,
            reach,
            reach <= Sketches.HyperLogLog.SparseLimit);
    }
}
