using CreatorStream.Core.Configuration;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;

namespace CreatorStream.Host.Web;

/// <summary>The creator leaderboard's rows: the snapshot's and <c>/creators</c>'s, so both show the same figures. Pure.</summary>
public static class CreatorRows
{
    /// <summary>
    /// One row per configured creator (zeros when nothing arrived: a manager wants to see who is silent), from the
    /// report built for <paramref name="campaign"/>. Credit, cost and returns are under the campaign's reporting model
    /// and only to date (null in rolling windows: credit is not kept per minute). To show another model, build the
    /// report for the campaign with that model as its reporting one (<see cref="UnderModel"/>).
    /// </summary>
    public static IReadOnlyList<SnapshotFigures> Of(CampaignConfig campaign, CampaignState state, CampaignReport report)
    {
        var toDate = state.Window.Span is null;
        var model = campaign.Attribution.ReportingModel;
        var names = Names(campaign);
        return [.. campaign.Creators.Select(c =>
        {
            var creator = report.Creators[c.CreatorId];
            var credited = creator.Attribution?.GetValueOrDefault(model);
            return SnapshotFigures.Of(state.Creators.GetValueOrDefault(c.CreatorId) ?? AggregateView.Empty, creator.Emv).WithOutcomes(creator, toDate) with
            {
                CreatorId = c.CreatorId,
                Name = names[c.CreatorId],
                Conversions = toDate ? credited?.Conversions : null,
                Revenue = toDate ? credited?.Revenue : null,
                Cost = toDate ? creator.Cost : null,
                Roi = toDate ? creator.Roi : null,
                Roas = toDate ? creator.Roas : null,
                Cpa = toDate ? creator.Cpa : null,
            };
        })];
    }

    /// <summary>
    /// The campaign as if <paramref name="model"/> were its reporting model, so the report's cost (commission follows
    /// the credited revenue), ROI, ROAS and CPA are computed under it by the report's own code.
    /// </summary>
    public static CampaignConfig UnderModel(CampaignConfig campaign, string model) =>
        model == campaign.Attribution.ReportingModel ? campaign : campaign with { Attribution = campaign.Attribution with { ReportingModel = model } };

    /// <summary>Display names by creator id (the id when a creator has no name).</summary>
    public static Dictionary<string, string> Names(CampaignConfig campaign) =>
        campaign.Creators.ToDictionary(c => c.CreatorId, c => c.Name.Length > 0 ? c.Name : c.CreatorId, StringComparer.Ordinal);
}
