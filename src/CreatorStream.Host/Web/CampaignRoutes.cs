using CreatorStream.Core.Configuration;

namespace CreatorStream.Host.Web;

/// <summary>
/// The routes under <c>/api/campaigns/{id}</c>, guarded in one place: before any handler runs, the caller's key is
/// checked against the campaign (<see cref="CampaignAccess"/>: 401 without a valid key, 403 for a key that does not
/// cover it, 404 for a campaign that does not exist), so a handler only ever sees a campaign its caller may read
/// (<see cref="AllowedCampaign"/>) and checks its query after the key, as every campaign route does. A creator's key
/// passes only on routes marked <see cref="CreatorRoute"/>, for its own creator.
/// </summary>
public static class CampaignRoutes
{
    private static readonly object CampaignItem = new();

    /// <summary>A route group for <c>/api/campaigns/{id}</c> whose every endpoint passes the access check first.</summary>
    public static RouteGroupBuilder MapCampaignGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/campaigns/{id}").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var access = http.RequestServices.GetRequiredService<CampaignAccess>();
            var creator = http.GetEndpoint()?.Metadata.GetMetadata<CreatorRoute>() is not null ? http.GetRouteValue("creator") as string : null;
            var decision = access.Check(http, (string)http.GetRouteValue("id")!, out var campaign, creator);
            if (!decision.IsAllowed || campaign is null)
            {
                return ApiError.Result(decision.StatusCode, decision.Reason ?? "not allowed");
            }

            http.Items[CampaignItem] = campaign;
            return await next(context);
        });

    /// <summary>
    /// Marks a route under <c>/api/campaigns/{id}/creators/{creator}</c> that shows only that creator's own figures, so a
    /// creator's key may read it for its own creator (docs/design.md, "Creator keys"). Every route without it is
    /// campaign-wide and refused to creator keys: a new route is closed to them until someone decides otherwise.
    /// </summary>
    public sealed class CreatorRoute
    {
        public static readonly CreatorRoute Marker = new();

        private CreatorRoute()
        {
        }
    }

    /// <summary>The campaign of a request that passed the group's check.</summary>
    public static CampaignConfig AllowedCampaign(this HttpContext context) =>
        context.Items[CampaignItem] as CampaignConfig ?? throw new InvalidOperationException("not a route of the campaign group: no access check ran");
}
