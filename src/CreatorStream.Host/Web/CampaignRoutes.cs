using CreatorStream.Core.Configuration;

namespace CreatorStream.Host.Web;

/// <summary>
/// The routes under <c>/api/campaigns/{id}</c>, guarded in one place: before any handler runs, the caller's key is
/// checked against the campaign (<see cref="CampaignAccess"/>: 401 without a valid key, 403 for a key that does not
/// cover it, 404 for a campaign that does not exist), so a handler only ever sees a campaign its caller may read
/// (<see cref="AllowedCampaign"/>) and checks its query after the key, as every campaign route does.
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
            var decision = access.Check(http, (string)http.GetRouteValue("id")!, out var campaign);
            if (!decision.IsAllowed || campaign is null)
            {
                return ApiError.Result(decision.StatusCode, decision.Reason ?? "not allowed");
            }

            http.Items[CampaignItem] = campaign;
            return await next(context);
        });

    /// <summary>The campaign of a request that passed the group's check.</summary>
    public static CampaignConfig AllowedCampaign(this HttpContext context) =>
        context.Items[CampaignItem] as CampaignConfig ?? throw new InvalidOperationException("not a route of the campaign group: no access check ran");
}
