using CreatorStream.Core.Configuration;
using CreatorStream.Core.Estimates;

namespace CreatorStream.Core.Reporting;

/// <summary>
/// A campaign's estimates beyond tracked links as the report and REST give them (docs/design.md, "Estimates"): the
/// stream's estimates with the figures that need the campaign's credit and cost (ROI with the halo, iROAS, the direct
/// model's figures without the leaked code uses). Labelled as estimates; never added to the measured figures beside them.
/// </summary>
public sealed record EstimatesReport
{
    /// <summary>Always <c>estimate</c>: what a reader of any figure below must know.</summary>
    public string Label { get; init; } = "estimate";

    public long AsOf { get; init; }

    /// <summary>
    /// When the stream made them (wall clock, ms): REST gives it, for the dashboard's freshness. The report leaves it out,
    /// so a replay of the same file gives the same bytes.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public long? UpdatedAt { get; init; }

    public required HaloEstimate Halo { get; init; }

    /// <summary>The measured ROI (reporting model), beside the ROI with the estimated halo revenue added.</summary>
    public double? Roi { get; init; }

    public Interval? RoiWithHalo { get; init; }

    /// <summary>Each creator's measured ROI beside their ROI with their share of the halo's revenue added, by creator id.</summary>
    public SortedDictionary<string, CreatorHaloRoi> CreatorRoi { get; init; } = new(StringComparer.Ordinal);

    public required List<CodeLeakFigures> CodeLeaks { get; init; }

    public LiftEstimate? Incrementality { get; init; }

    /// <summary>The estimates of <paramref name="estimates"/> with the figures <paramref name="section"/> (the campaign's measured report) gives them; null when none were made yet.</summary>
    public static EstimatesReport? Of(CampaignEstimates? estimates, CampaignConfig campaign, CampaignReport section)
    {
        if (estimates is null)
        {
            return null;
        }

        var cost = section.Totals.Cost;
        var revenue = section.Totals.Revenue?.GetValueOrDefault(campaign.Attribution.ReportingModel) ?? 0;
        static Interval? OverCost(Interval? figure, double plus, double? cost) =>
            figure is { } f && cost is > 0 ? f.Plus(plus - cost.Value).Times(1 / cost.Value) : null;

        var creatorRoi = new SortedDictionary<string, CreatorHaloRoi>(StringComparer.Ordinal);
        foreach (var (creatorId, creator) in section.Creators)
        {
            var credited = creator.Attribution?.GetValueOrDefault(campaign.Attribution.ReportingModel)?.Revenue ?? 0;
            var halo = estimates.Halo.Creators.GetValueOrDefault(creatorId)?.Revenue;
            creatorRoi[creatorId] = new CreatorHaloRoi(creator.Roi, OverCost(halo, credited, creator.Cost));
        }

        return new EstimatesReport
        {
            AsOf = estimates.AsOf,
            UpdatedAt = estimates.UpdatedAt,
            Halo = estimates.Halo,
            Roi = section.Totals.Roi,
            RoiWithHalo = OverCost(estimates.Halo.Campaign.Revenue, revenue, cost),
            CreatorRoi = creatorRoi,
            CodeLeaks = [.. estimates.CodeLeaks.Select(leak => WithDirect(leak, section.Creators.GetValueOrDefault(leak.CreatorId)))],
            Incrementality = estimates.Incrementality is { } lift
                ? lift with { Iroas = lift.IncrementalRevenue is { } incremental && cost is > 0 ? incremental.Times(1 / cost.Value) : null }
                : null,
        };
    }

    private static CodeLeakFigures WithDirect(CodeLeakFigures leak, CreatorReport? creator)
    {
        if (creator?.Attribution?.GetValueOrDefault(Attribution.AttributionModels.Direct) is not { } direct)
        {
            return leak;
        }

        return leak with
        {
            DirectConversions = direct.Conversions,
            DirectRevenue = direct.Revenue,
            DirectConversionsWithoutLeaks = direct.Conversions - leak.SuspiciousUses,
            DirectRevenueWithoutLeaks = direct.Revenue - leak.SuspiciousRevenue,
        };
    }
}

/// <summary>A creator's measured ROI (reporting model) and, as an estimate, their ROI with their share of the halo's revenue.</summary>
public sealed record CreatorHaloRoi(double? Roi, Interval? RoiWithHalo);
