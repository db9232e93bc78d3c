using CreatorStream.Core.State;

namespace CreatorStream.Host.Web;

/// <summary>
/// The creator's own routes under <c>/api/campaigns/{id}/creators/{creator}</c> (docs/design.md, "Creator keys"): the
/// only campaign routes a creator's key reads, and only for its own creator (<see cref="CampaignRoutes.CreatorRoute"/>).
/// Keys that read the whole campaign read them too, to see what a creator sees.
/// </summary>
public static class CreatorViewApi
{
    public static RouteGroupBuilder MapCreatorView(this RouteGroupBuilder campaigns)
    {
        campaigns.MapGet("/creators/{creator}/view", async (string id, string creator, HttpContext context, IStateStore store, TimeProvider clock) =>
        {
            var campaign = context.AllowedCampaign();
            return campaign.Creators.FirstOrDefault(c => c.CreatorId == creator) is { } config
                ? Results.Json(await CreatorView.ReadAsync(campaign, config, store, clock.GetUtcNow().ToUnixTimeMilliseconds(), context.RequestAborted))
                : ApiError.Result(404, $"campaign '{id}' has no creator '{creator}'");
        }).WithMetadata(CampaignRoutes.CreatorRoute.Marker);

        // The summaries of the creator's finished periods, newest first, as the outbox writes them (docs/design.md, "Creator summaries").
        campaigns.MapGet("/creators/{creator}/summaries", async (string id, string creator, HttpContext context, IStateStore store) =>
        {
            var campaign = context.AllowedCampaign();
            if (campaign.Creators.FirstOrDefault(c => c.CreatorId == creator) is not { } config)
            {
                return ApiError.Result(404, $"campaign '{id}' has no creator '{creator}'");
            }

            var summaries = await Processing.Summaries.SummaryReader.ReadAsync(store, campaign, config, context.RequestAborted);
            return Results.Json(summaries.Reverse().Select(s => new
            {
                period = s.Period,
                period_name = s.PeriodName,
                period_start = s.PeriodStart,
                period_end = s.PeriodEnd,
                as_of = s.AsOf,
                subject = Processing.Summaries.SummaryText.Subject(s),
                figures = s.Figures,
                previous = s.Previous,
                milestones = s.Milestones,
                text = Processing.Summaries.SummaryText.Plain(s),
            }));
        }).WithMetadata(CampaignRoutes.CreatorRoute.Marker);

        return campaigns;
    }
}
