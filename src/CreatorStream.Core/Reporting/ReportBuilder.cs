using CreatorStream.Core.Alerts;
using CreatorStream.Core.Attribution;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Reporting;

/// <summary>
/// Builds the replay report (docs/design.md, "Replay report") from campaign-to-date state. Pure: the same state gives the same
/// report whether it came from replay's memory store or from Redis after a live run.
/// </summary>
public static class ReportBuilder
{
    /// <summary>The whole report: every campaign's section with its alerts, and the stream's bookkeeping counts.</summary>
    /// <param name="catalog">The campaigns, as configured.</param>
    /// <param name="campaigns">Each campaign's state to date.</param>
    /// <param name="counters">The stream's counters (dead letters, duplicates, unattributed).</param>
    /// <param name="alerts">Each campaign's alerts raised on the stream.</param>
    /// <param name="series">Each campaign's hourly series, for its rate-drop alerts (docs/design.md, "Trends"); none without.</param>
    /// <param name="content">Each campaign's posts, deliverables and compliance flags (docs/design.md, "Content"); none when absent.</param>
    public static ReplayReport Build(
        CampaignCatalog catalog,
        IReadOnlyList<CampaignState> campaigns,
        StreamCounters counters,
        IReadOnlyDictionary<string, IReadOnlyList<Alert>> alerts,
        IReadOnlyDictionary<string, Trends.CampaignSeries>? series = null,
        IReadOnlyDictionary<string, Content.CampaignContent>? content = null)
    {
        var report = new ReplayReport
        {
            Unattributed = new UnattributedReport { Conversions = counters.Unattributed.Conversions, Revenue = counters.Unattributed.Revenue },
            DeadLetters = counters.DeadLetterTotal,
            Duplicates = counters.Duplicates,
            DuplicatesProbable = counters.ProbableDuplicates,
            DedupFilterLookups = counters.DedupFilterLookups,
            UnmatchedSessions = counters.UnmatchedSessions,
            Late = counters.Late,
        };

        foreach (var (reason, count) in counters.DeadLetters)
        {
            report.DeadLettersByReason[DeadLetterReasons.Code(reason)] = count;
        }

        foreach (var state in campaigns)
        {
            if (catalog.TryGet(state.CampaignId, out var campaign))
            {
                (CampaignConfig, CampaignState?)? named = campaign.Goal?.BaselineCampaign is { } id && catalog.TryGet(id, out var other)
                    ? (other, campaigns.FirstOrDefault(c => c.CampaignId == id))
                    : null;
                var section = BuildCampaign(campaign, state, series?.GetValueOrDefault(state.CampaignId), named);
                var records = content?.GetValueOrDefault(state.CampaignId) ?? Content.CampaignContent.Empty;
                report.Campaigns[state.CampaignId] = section with
                {
                    Goal = section.Recommendations?.Goal,
                    Publishing = PublishingReport.Of(records),
                    Estimates = EstimatesReport.Of(records.Estimates, campaign, section) is { } estimates ? estimates with { UpdatedAt = null } : null,
                    Commissions = CommissionsReport.Of(records.Commissions),
                    Alerts =
                    [
                        .. alerts.GetValueOrDefault(state.CampaignId, []).OrderBy(a => a.WindowStart).ThenBy(a => a.AlertId, StringComparer.Ordinal).Select(ToReport),
                        .. JudgedAlerts(campaign, section, section.Recommendations?.Goal, state, series?.GetValueOrDefault(state.CampaignId)),
                    ],
                };
            }
        }

        return report;
    }

    /// <summary>One campaign's section of the report, its recommendations included.</summary>
    /// <param name="campaign">The campaign as configured.</param>
    /// <param name="state">Its state to date.</param>
    /// <param name="series">Its hourly series, for the advice that reads them (audience windows, a benchmarking period's baseline); none without.</param>
    /// <param name="namedBaseline">With a goal whose baseline is a named campaign: that campaign's state (null when it has none).</param>
    public static CampaignReport BuildCampaign(CampaignConfig campaign, CampaignState state, Trends.CampaignSeries? series = null, (CampaignConfig Campaign, CampaignState? State)? namedBaseline = null)
    {
        var report = BuildOutcomes(campaign, state);
        return report with { Recommendations = Recommendations.RecommendationEngine.Build(campaign, report, state, series, Baselines(campaign, state, series, namedBaseline)) };
    }

    /// <summary>
    /// The alerts judged on the to-date figures and the hourly series whenever they are read, not raised on the stream
    /// (docs/design.md, "Alerts judged when read"): each creator's <c>cpa_above_benchmark</c>, the goal's
    /// <c>goal_off_pace</c>, then the rate drops. The report lists them after the stream's alerts; REST <c>/alerts</c>
    /// and the hub add them to the stored ones.
    /// </summary>
    /// <param name="campaign">The campaign as configured.</param>
    /// <param name="state">Its state to date.</param>
    /// <param name="series">Its hourly series (drops, a benchmarking period's baseline); none without.</param>
    /// <param name="namedBaseline">With a goal whose baseline is a named campaign: that campaign's state (null when it has none).</param>
    public static IReadOnlyList<AlertReport> JudgedAlerts(CampaignConfig campaign, CampaignState state, Trends.CampaignSeries? series = null, (CampaignConfig Campaign, CampaignState? State)? namedBaseline = null)
    {
        var figures = BuildFigures(campaign, state);
        var goal = Recommendations.RecommendationEngine.Goal(campaign, figures, state.Totals.LastEventTs, Baselines(campaign, state, series, namedBaseline));
        return JudgedAlerts(campaign, figures, goal, state, series);
    }

    /// <summary>The alerts judged when read, from figures and a goal already worked out (the report's section has both).</summary>
    private static IReadOnlyList<AlertReport> JudgedAlerts(CampaignConfig campaign, CampaignReport figures, Recommendations.GoalProgress? goal, CampaignState state, Trends.CampaignSeries? series) =>
        [.. CpaAlerts(campaign, figures, state), .. GoalAlerts(goal), .. DropAlerts(series)];

    /// <summary>The goal's baseline when it comes from a named campaign or a benchmarking period (docs/design.md, "Goals"); null otherwise.</summary>
    private static Recommendations.GoalBaselineValues? Baselines(CampaignConfig campaign, CampaignState state, Trends.CampaignSeries? series, (CampaignConfig Campaign, CampaignState? State)? namedBaseline) =>
        campaign.Goal switch
        {
            { BaselineCampaign: not null } goal when namedBaseline is { } named =>
                Recommendations.GoalBaselines.OfCampaign(goal, named.Campaign, named.State is { } other ? BuildFigures(named.Campaign, other).Totals : null),
            { BaselineDays: not null } goal => Recommendations.GoalBaselines.OfFirstDays(goal, series?.Campaign ?? [], state.Totals.LastEventTs),
            _ => null,
        };

    /// <summary>One campaign's figures with its breakdowns by platform and format, without recommendations (REST <c>/outcomes</c>).</summary>
    public static CampaignReport BuildOutcomes(CampaignConfig campaign, CampaignState state)
    {
        var report = BuildFigures(campaign, state);
        return report with { Breakdowns = Reporting.Breakdowns.Of(campaign, state, report.Totals.Cost ?? 0) };
    }

    /// <summary>
    /// One campaign's figures (creators, totals, content) without recommendations: what the live snapshot and the tables
    /// show, so they show the same figures as the report, without the advice's cost on every push.
    /// </summary>
    public static CampaignReport BuildFigures(CampaignConfig campaign, CampaignState state)
    {
        // Summed in the posts' order, not the order a store happened to list them in, so the same figures give the same
        // total to the last digit whichever way they were read (a whole read, or views kept by the change feed).
        var emvByCreator = state.Content
            .OrderBy(entry => entry.Key.ContentId, StringComparer.Ordinal)
            .ThenBy(entry => entry.Key.Platform)
            .GroupBy(entry => entry.Key.CreatorId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(entry => Emv.Of(entry.Value.Counters, entry.Key.Platform, campaign.Benchmarks)), StringComparer.Ordinal);

        var report = new CampaignReport();
        var attribution = state.Attribution;
        var model = campaign.Attribution.ReportingModel;

        // Every configured creator appears, with zeros if nothing arrived yet: a manager wants to see who is silent.
        double totalCost = 0;
        foreach (var creator in campaign.Creators)
        {
            var view = state.Creators.GetValueOrDefault(creator.CreatorId) ?? AggregateView.Empty;
            var credited = attribution.For(creator.CreatorId, model);
            var cost = Cost(creator.Costs, credited.Revenue);
            totalCost += cost;
            var returns = Returns.Of(credited.Revenue, credited.Conversions, cost);
            var figures = Creator(view, emvByCreator.GetValueOrDefault(creator.CreatorId));
            report.Creators[creator.CreatorId] = (CreatorReport)WithOutcomes(figures, campaign, attribution, creator.CreatorId, view, credited, cost) with
            {
                Attribution = Credits(attribution, creator.CreatorId),
                AssistedConversions = attribution.Assists.GetValueOrDefault(creator.CreatorId),
                Cost = cost,
                Roi = returns.Roi,
                Roas = returns.Roas,
                Cpa = returns.Cpa,
            };
        }

        var total = attribution.Total(model);
        var totalReturns = Returns.Of(total.Revenue, total.Conversions, totalCost);
        report = report with
        {
            Totals = (TotalsReport)WithOutcomes(Totals(state.Totals, emvByCreator.Values.Sum()), campaign, attribution, creatorId: null, state.Totals, total, totalCost) with
            {
                Conversions = new SortedDictionary<string, double>(AttributionModels.All.ToDictionary(m => m, m => attribution.Total(m).Conversions), StringComparer.Ordinal),
                Revenue = new SortedDictionary<string, double>(AttributionModels.All.ToDictionary(m => m, m => attribution.Total(m).Revenue), StringComparer.Ordinal),
                Cost = totalCost,
                Roi = totalReturns.Roi,
                Roas = totalReturns.Roas,
                Cpa = totalReturns.Cpa,
                Cpe = Ratio.Of(totalCost, state.Totals.Counters.AuthenticEngagements),
                Cpm = Ratio.Of(1000 * totalCost, state.Totals.Counters.Impressions),
            },
        };

        // A content id names one post only within its creator and platform. One that two creators or two platforms share
        // is reported once for each, keyed content_id|creator_id|platform, never one in the other's place (which one was
        // kept depended on the order a store listed them in: docs/design.md, "Replay report").
        var shared = SharedContentIds(state.Content.Keys);
        foreach (var (content, view) in state.Content)
        {
            var key = shared.Contains(content.ContentId) ? $"{content.ContentId}|{content.CreatorId}|{WireNames.Of(content.Platform)}" : content.ContentId;
            report.Content[key] = new ContentReport
            {
                CreatorId = content.CreatorId,
                Platform = WireNames.Of(content.Platform),
                ContentFormat = view.Format is { } format ? WireNames.Of(format) : null,
                Impressions = view.Counters.Impressions,
                Reach = view.Reach,
                Engagements = EngagementCounts.From(view.Counters),
                Clicks = view.Counters.Clicks,
                Ctr = view.Ctr,
                Comments = CommentsReport.Of(view.Counters),
                ReferralSource = ReferralSourceName(view.ReferralSource),
                Sessions = view.Sessions,
                BounceRate = view.BounceRate,
                AvgTimeOnSiteMs = view.AvgTimeOnSiteMs,
                PagesPerSession = view.PagesPerSession,
                QualityWeightedTraffic = view.QualityWeightedTraffic,
                Funnel = FunnelReport.From(view.Counters),
            };
        }

        return report;
    }

    /// <summary>
    /// <c>cpa_above_benchmark</c> alerts, one per creator whose campaign-to-date CPA is above the benchmark, over the span
    /// of that creator's events. Judged on to-date figures when the report is read, not raised on the stream.
    /// </summary>
    public static IEnumerable<AlertReport> CpaAlerts(CampaignConfig campaign, CampaignReport figures, CampaignState state) =>
        Recommendations.RecommendationEngine.CpaFlags(campaign, figures).Select(flag => new AlertReport
        {
            Kind = flag.Kind,
            CreatorId = flag.CreatorId,
            ContentId = null,
            WindowStart = state.Creators.GetValueOrDefault(flag.CreatorId)?.FirstEventTs ?? 0,
            WindowEnd = state.Creators.GetValueOrDefault(flag.CreatorId)?.LastEventTs ?? 0,
            Details = new System.Text.Json.Nodes.JsonObject { ["cpa"] = flag.Value, ["benchmark"] = flag.Threshold, ["message"] = flag.Message },
        });

    /// <summary>
    /// A <c>goal_off_pace</c> alert when the goal is behind its pace (docs/design.md, "Goals"), over the goal's period up to
    /// when it was judged. Judged on to-date figures when the report is read, as the CPA alerts are.
    /// </summary>
    public static IEnumerable<AlertReport> GoalAlerts(Recommendations.GoalProgress? goal)
    {
        if (goal is not { Pace: Recommendations.GoalPace.Behind, Start: { } start, AsOf: { } asOf })
        {
            yield break;
        }

        var details = new System.Text.Json.Nodes.JsonObject
        {
            ["kpi"] = goal.Kpi,
            ["target"] = goal.Target,
            ["current"] = goal.Current,
            ["elapsed"] = goal.Elapsed,
            ["projection"] = goal.Projection?.Value,
            ["projection_high"] = goal.Projection?.High,
        };
        yield return new AlertReport { Kind = AlertKinds.GoalOffPace, CreatorId = null, ContentId = null, WindowStart = start, WindowEnd = asOf, Details = details };
    }

    /// <summary>
    /// <c>ctr_drop</c> and <c>conversion_rate_drop</c> alerts from the hourly series (docs/design.md, "Trends"): judged on
    /// the stored series when the report is read, as the CPA alerts are; the campaign's first, then each creator's.
    /// </summary>
    public static IEnumerable<AlertReport> DropAlerts(Trends.CampaignSeries? series) =>
        series is null ? [] : series.Drops(Trends.RateDropOptions.Default).Select(DropAlert);

    public static AlertReport DropAlert(Trends.RateDrop drop) => new()
    {
        Kind = drop.Kind,
        CreatorId = drop.CreatorId,
        ContentId = null,
        WindowStart = drop.WindowStart,
        WindowEnd = drop.WindowEnd,
        Details = new System.Text.Json.Nodes.JsonObject
        {
            ["rate"] = drop.RateValue,
            ["baseline_rate"] = drop.BaselineRate,
            ["relative_drop"] = drop.RelativeDrop,
            ["z"] = drop.Z,
            ["numerator"] = drop.Numerator,
            ["denominator"] = drop.Denominator,
            ["baseline_numerator"] = drop.BaselineNumerator,
            ["baseline_denominator"] = drop.BaselineDenominator,
        },
    };

    /// <summary>docs/design.md, "Metrics": the fixed costs plus the commission on the revenue credited under the reporting model.</summary>
    public static double Cost(CreatorCosts costs, double creditedRevenue) => costs.Fixed + (costs.CommissionRate * creditedRevenue);

    private static SortedDictionary<string, ModelCredit> Credits(CampaignAttribution attribution, string creatorId) =>
        new(
            AttributionModels.All.ToDictionary(
                m => m,
                m => new ModelCredit
                {
                    Conversions = attribution.For(creatorId, m).Conversions,
                    Revenue = attribution.For(creatorId, m).Revenue,
                    Fallback = m == AttributionModels.DataDriven ? attribution.DataDrivenFallback : null,
                }),
            StringComparer.Ordinal);

    /// <summary>
    /// The outcome figures of docs/design.md, "Outcomes" for one creator, or for the campaign when
    /// <paramref name="creatorId"/> is null (its credit by kind summed over its creators in configuration order, so
    /// every store gives the same total to the last digit).
    /// </summary>
    private static OutcomeReport WithOutcomes(
        OutcomeReport report, CampaignConfig campaign, CampaignAttribution attribution, string? creatorId, AggregateView view, CreditSums credited, double cost)
    {
        var reportingModel = campaign.Attribution.ReportingModel;
        var byKind = new SortedDictionary<string, KindReport>(StringComparer.Ordinal);
        double newCustomers = 0;
        KindCredit purchases = default, leads = default;
        foreach (var kind in Enum.GetValues<ConversionKind>())
        {
            var orders = attribution.OrdersFor(creatorId ?? "", kind);
            var models = new SortedDictionary<string, KindCreditReport>(StringComparer.Ordinal);
            foreach (var model in AttributionModels.All)
            {
                var credit = creatorId is null ? KindTotal(campaign, attribution, kind, model) : attribution.KindFor(creatorId, kind, model);
                var lead = kind == ConversionKind.Lead;
                models[model] = new KindCreditReport
                {
                    Conversions = credit.Conversions,
                    Revenue = credit.Revenue,
                    NewCustomers = credit.NewCustomers,
                    Qualified = lead ? credit.Qualified : null,
                    Won = lead ? credit.Won : null,
                };
                if (model == reportingModel)
                {
                    newCustomers += credit.NewCustomers;
                    purchases = kind == ConversionKind.Purchase ? credit : purchases;
                    leads = kind == ConversionKind.Lead ? credit : leads;
                }
            }

            byKind[WireNames.Of(kind)] = new KindReport { Count = orders.Count, Value = orders.Value, Credited = models };
        }

        return report with
        {
            ConversionsByKind = byKind,
            ConversionRate = Ratio.Of(credited.Conversions, view.Counters.Clicks),
            ConversionRateReach = Ratio.Of(credited.Conversions, view.Reach),
            Aov = Ratio.OfCredit(purchases.Revenue, purchases.Conversions),
            NewCustomers = newCustomers,
            CustomerValue = CustomerValueReport.From(purchases, credited.Revenue, cost),
            Leads = leads.Conversions,
            CostPerLead = Ratio.OfCredit(cost, leads.Conversions),
            QualifiedLeads = leads.Qualified,
            CostPerQualifiedLead = Ratio.OfCredit(cost, leads.Qualified),
            WonLeads = leads.Won,
            LeadToWonRate = Ratio.OfCredit(leads.Won, leads.Conversions),
            ReferralSource = ReferralSourceName(view.ReferralSource),
            Sessions = view.Sessions,
            BounceRate = view.BounceRate,
            AvgTimeOnSiteMs = view.AvgTimeOnSiteMs,
            PagesPerSession = view.PagesPerSession,
            QualityWeightedTraffic = view.QualityWeightedTraffic,
            Funnel = FunnelReport.From(view.Counters),
        };
    }

    /// <summary>The report's name of a referral source: <c>sessions</c>, <c>clicks</c>, or null.</summary>
    public static string? ReferralSourceName(ReferralSource source) => source switch
    {
        ReferralSource.Sessions => "sessions",
        ReferralSource.Clicks => "clicks",
        _ => null,
    };

    private static KindCredit KindTotal(CampaignConfig campaign, CampaignAttribution attribution, ConversionKind kind, string model)
    {
        var total = default(KindCredit);
        foreach (var creator in campaign.Creators)
        {
            var credit = attribution.KindFor(creator.CreatorId, kind, model);
            total.Add(credit);
        }

        return total;
    }

    public static AlertReport ToReport(Alert alert) => new()
    {
        Kind = alert.Kind,
        CreatorId = alert.CreatorId,
        ContentId = alert.ContentId,
        WindowStart = alert.WindowStart,
        WindowEnd = alert.WindowEnd,
        Details = (System.Text.Json.Nodes.JsonObject)alert.Details.DeepClone(),
    };

    private static TotalsReport Totals(AggregateView view, double emv) => new()
    {
        Impressions = view.Counters.Impressions,
        Reach = view.Reach,
        Engagements = EngagementCounts.From(view.Counters),
        AuthenticEngagements = view.Counters.AuthenticEngagements,
        EngagementRate = view.EngagementRate,
        Clicks = view.Counters.Clicks,
        Ctr = view.Ctr,
        Emv = emv,
        Comments = CommentsReport.Of(view.Counters),
    };

    private static CreatorReport Creator(AggregateView view, double emv) => new()
    {
        Impressions = view.Counters.Impressions,
        Reach = view.Reach,
        Engagements = EngagementCounts.From(view.Counters),
        AuthenticEngagements = view.Counters.AuthenticEngagements,
        EngagementRate = view.EngagementRate,
        AuthenticityScore = Ratio.Of(view.Counters.AuthenticEngagements, view.Counters.Engagements),
        Clicks = view.Counters.Clicks,
        Ctr = view.Ctr,
        Emv = emv,
        Comments = CommentsReport.Of(view.Counters),
    };

    private static HashSet<string> SharedContentIds(IEnumerable<ContentRef> posts)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var post in posts)
        {
            if (!seen.Add(post.ContentId))
            {
                shared.Add(post.ContentId);
            }
        }

        return shared;
    }
}
