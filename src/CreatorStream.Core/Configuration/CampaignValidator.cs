using CreatorStream.Core.Attribution;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Configuration;

/// <summary>Checks a configuration document; the first problem found throws, naming its field path.</summary>
internal static class CampaignValidator
{
    public static void Validate(CampaignCatalogDocument document)
    {
        if (document.Campaigns is not { Count: > 0 })
        {
            throw new ConfigurationException("campaigns", "at least one campaign is required");
        }

        var campaignIds = new HashSet<string>(StringComparer.Ordinal);
        // Each campaign's brand by id (the first of a repeated id; the repeat is refused below), for goals naming another campaign.
        var brands = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var c in document.Campaigns)
        {
            if (c?.CampaignId is { } id)
            {
                brands.TryAdd(id, c.BrandId);
            }
        }

        for (var i = 0; i < document.Campaigns.Count; i++)
        {
            var path = $"campaigns[{i}]";
            var campaign = document.Campaigns[i] ?? throw new ConfigurationException(path, "must not be null");
            RequireId(campaign.CampaignId, $"{path}.campaign_id");
            if (!campaignIds.Add(campaign.CampaignId))
            {
                throw new ConfigurationException($"{path}.campaign_id", $"'{campaign.CampaignId}' appears twice");
            }

            RequireId(campaign.BrandId, $"{path}.brand_id");
            if (campaign.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
            {
                throw new ConfigurationException($"{path}.currency", "must be a three-letter upper-case ISO 4217 code");
            }

            ValidateGoal(campaign.Goal, $"{path}.goal", campaign, brands);
            ValidateAttribution(campaign.Attribution, $"{path}.attribution");
            ValidateBenchmarks(campaign.Benchmarks, $"{path}.benchmarks");
            ValidateCreators(campaign.Creators, $"{path}.creators");
            ValidateCompliance(campaign.CompliancePolicy, $"{path}.compliance");
            ValidateEstimates(campaign, $"{path}.estimates");
            if (campaign.BrandNames is { } names && (names.Count == 0 || names.Any(n => string.IsNullOrWhiteSpace(n) || n.Length > 64)))
            {
                throw new ConfigurationException($"{path}.brand_names", "must list at least one name, each 1 to 64 characters (or be left out)");
            }
        }
    }

    /// <summary>A goal is optional; given, it must be one the report can judge (docs/design.md, "Goals").</summary>
    private static void ValidateGoal(CampaignGoal? goal, string path, CampaignConfig campaign, IReadOnlyDictionary<string, string?> brands)
    {
        if (goal is null)
        {
            return;
        }

        if (!GoalKpis.ByType.TryGetValue(goal.Type ?? "", out var kpis))
        {
            throw new ConfigurationException($"{path}.type", "must be one of " + string.Join('|', GoalKpis.Types));
        }

        if (goal.Baseline is { } baseline && !(double.IsFinite(baseline) && baseline >= 0))
        {
            throw new ConfigurationException($"{path}.baseline", "must be a number of at least 0");
        }

        ValidateBaselineSource(goal, path, campaign, brands);
        ValidateTarget(goal.Target, goal, kpis, $"{path}.target");
        ValidateTarget(goal.Secondary, goal, kpis, $"{path}.secondary");
        if (goal.Secondary is not null && goal.Target is null)
        {
            throw new ConfigurationException($"{path}.secondary", "needs a target first");
        }

        if (goal.Start is { } start && goal.End is { } end && end <= start)
        {
            throw new ConfigurationException($"{path}.end", "must be after start");
        }

        if ((goal.Start is null) != (goal.End is null))
        {
            throw new ConfigurationException(goal.Start is null ? $"{path}.start" : $"{path}.end", "start and end go together (pace needs both)");
        }

        if (goal.Budget is { } budget && !(double.IsFinite(budget) && budget > 0))
        {
            throw new ConfigurationException($"{path}.budget", "must be greater than 0");
        }
    }

    /// <summary>At most one source of baseline; a named campaign is another one of this file, of the same brand; a benchmarking period fits in a dated goal.</summary>
    private static void ValidateBaselineSource(CampaignGoal goal, string path, CampaignConfig campaign, IReadOnlyDictionary<string, string?> brands)
    {
        if ((goal.Baseline is null ? 0 : 1) + (goal.BaselineCampaign is null ? 0 : 1) + (goal.BaselineDays is null ? 0 : 1) > 1)
        {
            throw new ConfigurationException(
                goal.BaselineDays is not null ? $"{path}.baseline_days" : $"{path}.baseline_campaign",
                "give at most one of baseline, baseline_campaign and baseline_days");
        }

        if (goal.BaselineCampaign is { } named && (named == campaign.CampaignId || !brands.TryGetValue(named, out var brand) || brand != campaign.BrandId))
        {
            // Another brand's figures are not this brand's to see (a key for this campaign would read them as its baseline).
            throw new ConfigurationException($"{path}.baseline_campaign", named == campaign.CampaignId
                ? "must name another campaign, not this one"
                : brands.ContainsKey(named) ? $"'{named}' is another brand's campaign: a baseline comes from the brand's own" : $"'{named}' is not a campaign of this file");
        }

        if (goal.BaselineDays is { } days)
        {
            if (days < 1)
            {
                throw new ConfigurationException($"{path}.baseline_days", "must be at least 1");
            }

            if (goal.Start is not { } start || goal.End is not { } end)
            {
                throw new ConfigurationException($"{path}.baseline_days", "needs the goal's start and end (the first days of its period set the baseline)");
            }

            if (TimeSpan.FromDays(days) >= end - start)
            {
                throw new ConfigurationException($"{path}.baseline_days", "must be shorter than the goal's period");
            }
        }
    }

    private static void ValidateTarget(GoalTarget? target, CampaignGoal goal, IReadOnlyList<string> kpis, string path)
    {
        if (target is null)
        {
            return;
        }

        if (!kpis.Contains(target.Kpi ?? ""))
        {
            throw new ConfigurationException($"{path}.kpi", $"must be a KPI of a {goal.Type} goal: one of {string.Join('|', kpis)}");
        }

        if ((target.Value is null) == (target.IncreasePct is null))
        {
            throw new ConfigurationException($"{path}.value", "give exactly one of value and increase_pct");
        }

        if (target.Value is { } value && !(double.IsFinite(value) && value > 0))
        {
            throw new ConfigurationException($"{path}.value", "must be greater than 0");
        }

        if (target.IncreasePct is { } pct)
        {
            if (!(double.IsFinite(pct) && pct > -100))
            {
                throw new ConfigurationException($"{path}.increase_pct", "must be a number above -100");
            }

            if (goal.Baseline is not > 0 && !goal.ResolvesBaseline)
            {
                throw new ConfigurationException($"{path}.increase_pct", "needs the goal's baseline (greater than 0), baseline_campaign or baseline_days");
            }

            if (goal.BaselineDays is not null && !Recommendations.GoalBaselines.FirstDaysKpis.Contains(target.Kpi))
            {
                throw new ConfigurationException(
                    $"{path}.kpi",
                    $"a benchmarking period (baseline_days) sets a baseline from the hourly series, for {string.Join('|', Recommendations.GoalBaselines.FirstDaysKpis)} only");
            }
        }
    }

    private static void ValidateAttribution(AttributionSettings? settings, string path)
    {
        if (settings is null)
        {
            throw new ConfigurationException(path, "must not be null (omit it for the defaults)");
        }

        if (!AttributionModels.All.Contains(settings.ReportingModel))
        {
            throw new ConfigurationException($"{path}.reporting_model", "must be one of " + string.Join('|', AttributionModels.All));
        }

        if (settings.LookbackDays is < 1 or > 365)
        {
            throw new ConfigurationException($"{path}.lookback_days", "must be between 1 and 365");
        }

        if (!(settings.TimeDecayHalfLifeHours > 0))
        {
            throw new ConfigurationException($"{path}.time_decay_half_life_hours", "must be greater than 0");
        }

        if (settings.DataDrivenMinConversions < 0)
        {
            throw new ConfigurationException($"{path}.data_driven_min_conversions", "must not be negative");
        }
    }

    private static void ValidateBenchmarks(CampaignBenchmarks? benchmarks, string path)
    {
        if (benchmarks is null)
        {
            throw new ConfigurationException(path, "must not be null (omit it for none)");
        }

        if (benchmarks.Cpa is <= 0)
        {
            throw new ConfigurationException($"{path}.cpa", "must be greater than 0");
        }

        foreach (var (platform, cpm) in benchmarks.Cpm)
        {
            if (!WireNames.TryParsePlatform(platform, out _))
            {
                throw new ConfigurationException($"{path}.cpm.{platform}", "is not a platform: " + string.Join('|', WireNames.AllPlatforms));
            }

            RequireNonNegative(cpm, $"{path}.cpm.{platform}");
        }

        foreach (var (kind, value) in benchmarks.EngagementValue)
        {
            if (!WireNames.TryParseEngagementKind(kind, out _))
            {
                throw new ConfigurationException($"{path}.engagement_value.{kind}", "is not an engagement kind: " + string.Join('|', WireNames.AllEngagementKinds));
            }

            RequireNonNegative(value, $"{path}.engagement_value.{kind}");
        }
    }

    private static void ValidateCreators(List<CreatorConfig>? creators, string path)
    {
        if (creators is null)
        {
            throw new ConfigurationException(path, "must be a list");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < creators.Count; i++)
        {
            var creatorPath = $"{path}[{i}]";
            var creator = creators[i] ?? throw new ConfigurationException(creatorPath, "must not be null");
            RequireId(creator.CreatorId, $"{creatorPath}.creator_id");
            if (!ids.Add(creator.CreatorId))
            {
                throw new ConfigurationException($"{creatorPath}.creator_id", $"'{creator.CreatorId}' appears twice");
            }

            var costs = creator.Costs ?? throw new ConfigurationException($"{creatorPath}.costs", "must not be null");
            RequireNonNegative(costs.FlatFee, $"{creatorPath}.costs.flat_fee");
            RequireNonNegative(costs.Product, $"{creatorPath}.costs.product");
            RequireNonNegative(costs.Production, $"{creatorPath}.costs.production");
            RequireNonNegative(costs.Shipping, $"{creatorPath}.costs.shipping");
            RequireNonNegative(costs.AgencyFee, $"{creatorPath}.costs.agency_fee");
            if (costs.CommissionRate is < 0 or > 1 or double.NaN)
            {
                throw new ConfigurationException($"{creatorPath}.costs.commission_rate", "must be between 0 and 1");
            }

            ValidateDeliverables(creator.Deliverables ?? [], $"{creatorPath}.deliverables");
            if (creator.Commission is { } plan && plan.Problems() is [var problem, ..])
            {
                // "rules[1].tiers must start from 0": the field is the problem's first word, under the creator's plan.
                var field = problem.Split(' ', 2);
                throw new ConfigurationException($"{creatorPath}.commission.{field[0]}", field[1]);
            }

            RequireTexts(creator.PromoCodes, $"{creatorPath}.promo_codes");
            RequireTexts(creator.Links, $"{creatorPath}.links");
        }
    }

    private static void ValidateDeliverables(List<DeliverableConfig> deliverables, string path)
    {
        for (var i = 0; i < deliverables.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var deliverable = deliverables[i] ?? throw new ConfigurationException(itemPath, "must not be null");
            if (!WireNames.TryParsePlatform(deliverable.Platform ?? "", out _))
            {
                throw new ConfigurationException($"{itemPath}.platform", "must be one of " + string.Join('|', WireNames.AllPlatforms));
            }

            if (deliverable.Format is { } format && !WireNames.TryParseContentFormat(format, out _))
            {
                throw new ConfigurationException($"{itemPath}.format", "must be one of " + string.Join('|', WireNames.AllContentFormats));
            }

            if (deliverable.Count is < 1 or > 1_000)
            {
                throw new ConfigurationException($"{itemPath}.count", "must be between 1 and 1000");
            }

            if (deliverable.Due is null)
            {
                throw new ConfigurationException($"{itemPath}.due", "is required (an ISO 8601 date and time, e.g. 2026-12-01T18:00:00Z)");
            }
        }
    }

    /// <summary>The halo window and the holdout (docs/design.md, "Estimates"): a holdout is countries or a share of users, never both, and has a start.</summary>
    private static void ValidateEstimates(CampaignConfig campaign, string path)
    {
        var estimates = campaign.EstimatePolicy;
        if (estimates.HaloWindowHours is < 1 or > 24 * 14)
        {
            throw new ConfigurationException($"{path}.halo_window_hours", "must be 1 to 336 hours (two weeks)");
        }

        if (!(estimates.HaloHalfLifeHours > 0) || estimates.HaloHalfLifeHours > 24 * 14)
        {
            throw new ConfigurationException($"{path}.halo_half_life_hours", "must be above 0 and at most 336 hours");
        }

        if (estimates.Holdout is not { } holdout)
        {
            return;
        }

        if ((holdout.Countries is null) == (holdout.UserShare is null))
        {
            throw new ConfigurationException($"{path}.holdout", "needs exactly one of countries (held-out countries) and user_share (a hashed share of users)");
        }

        if (holdout.Countries is { } countries && (countries.Count == 0 || countries.Any(c => string.IsNullOrWhiteSpace(c) || c.Length > 64)))
        {
            throw new ConfigurationException($"{path}.holdout.countries", "must list at least one country code, each 1 to 64 characters");
        }

        if (holdout.UserShare is { } share && !(share is > 0 and < 1))
        {
            throw new ConfigurationException($"{path}.holdout.user_share", "must be a share between 0 and 1 (exclusive)");
        }

        if (holdout.UserShare is not null && string.IsNullOrEmpty(holdout.Salt))
        {
            throw new ConfigurationException($"{path}.holdout.salt", "is required with user_share: the salt the upstream hash used");
        }

        if (campaign.HoldoutPeriod is not { } period)
        {
            throw new ConfigurationException($"{path}.holdout.start", "is required (or the goal's start): orders before it are the baseline period");
        }

        if (period.End is { } end && end <= period.Start)
        {
            throw new ConfigurationException($"{path}.holdout.end", "must be after the start");
        }
    }

    private static void ValidateCompliance(ComplianceSettings compliance, string path)
    {
        if (compliance.Terms is not { Count: > 0 } terms || terms.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 64))
        {
            throw new ConfigurationException($"{path}.disclosure_terms", "must list at least one term, each 1 to 64 characters");
        }

        foreach (var (platform, chars) in compliance.Previews)
        {
            if (!WireNames.TryParsePlatform(platform, out _))
            {
                throw new ConfigurationException($"{path}.preview_chars.{platform}", "is not a platform: " + string.Join('|', WireNames.AllPlatforms));
            }

            if (chars < 1)
            {
                throw new ConfigurationException($"{path}.preview_chars.{platform}", "must be at least 1");
            }
        }
    }

    /// <summary>A list of codes or links: present, and no entry empty (an empty one would match every text).</summary>
    private static void RequireTexts(List<string>? texts, string path)
    {
        if (texts is null)
        {
            throw new ConfigurationException(path, "must be a list (it may be empty)");
        }

        for (var i = 0; i < texts.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(texts[i]))
            {
                throw new ConfigurationException($"{path}[{i}]", "must not be empty");
            }
        }
    }

    private static void RequireId(string? id, string path)
    {
        // Ids appear in URLs, state-store keys and topic keys: keep them to a safe, printable alphabet.
        if (string.IsNullOrEmpty(id) || id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ConfigurationException(path, "must be 1 to 64 characters of letters, digits, '-', '_' or '.'");
        }
    }

    private static void RequireNonNegative(double value, string path)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ConfigurationException(path, "must be a number of at least 0");
        }
    }
}
