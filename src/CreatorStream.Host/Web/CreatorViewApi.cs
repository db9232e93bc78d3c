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

        return campaigns;
    }
}
