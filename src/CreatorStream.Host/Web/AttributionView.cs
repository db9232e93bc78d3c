using CreatorStream.Core.Configuration;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;

namespace CreatorStream.Host.Web;

/// <summary>
/// A campaign's attribution under one model, for the model switcher: per creator the credit, and cost, ROI, ROAS and
/// CPA as they would be if this model were the reporting one (commission follows the credited revenue); plus every
/// model side by side. Immutable.
/// </summary>
public sealed record AttributionView(
    string CampaignId,
    string Model,
    string ReportingModel,
    bool DataDrivenFallback,
    double Conversions,
    double Revenue,
    IReadOnlyList<CreatorAttribution> Creators)
{
    public static AttributionView Of(CampaignConfig campaign, CampaignState state, string model)
    {
        var attribution = state.Attribution;
        var total = attribution.Total(model);
        return new AttributionView(
            campaign.CampaignId,
            model,
            campaign.Attribution.ReportingModel,
            attribution.DataDrivenFallback,
            total.Conversions,
            total.Revenue,
            [.. campaign.Creators.Select(creator =>
            {
                var credited = attribution.For(creator.CreatorId, model);
                var cost = ReportBuilder.Cost(creator.Costs, credited.Revenue);
                var returns = Returns.Of(credited.Revenue, credited.Conversions, cost);
                return new CreatorAttribution(
                    creator.CreatorId,
                    creator.Name.Length > 0 ? creator.Name : creator.CreatorId,
                    credited.Conversions,
                    credited.Revenue,
                    attribution.Assists.GetValueOrDefault(creator.CreatorId),
                    cost,
                    returns.Roi,
                    returns.Roas,
                    returns.Cpa,
                    Core.Attribution.AttributionModels.All.ToDictionary(m => m, m => attribution.For(creator.CreatorId, m)));
            })]);
    }
}
