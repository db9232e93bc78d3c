using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;
using CreatorStream.Processing.Roster;

namespace CreatorStream.Host.Web;

/// <summary>
/// A brand's roster across its campaigns (docs/design.md, "Roster"): <c>GET /api/brands/{brand}/roster</c> and
/// <c>GET /api/brands/{brand}/creators/{creator}/history</c>. Each reads only the campaigns of the brand that the
/// caller's key covers, and says which. A creator's key reads neither: both carry the brand's economics.
/// </summary>
public static class RosterApi
{
    public static IEndpointRouteBuilder MapRosterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/brands/{brand}/roster", async (string brand, HttpContext context, CampaignAccess access, IStateStore store, TimeProvider clock) =>
            Readable(context, access, brand) is { } campaigns
                ? Results.Json(new { generated_at = clock.GetUtcNow().ToUnixTimeMilliseconds(), roster = await RosterReader.ReadAsync(brand, campaigns, store, context.RequestAborted) })
                : Refusal(context, access, brand));

        app.MapGet("/api/brands/{brand}/creators/{creator}/history", async (string brand, string creator, HttpContext context, CampaignAccess access, IStateStore store, TimeProvider clock) =>
        {
            if (Readable(context, access, brand) is not { } campaigns)
            {
                return Refusal(context, access, brand);
            }

            return await RosterReader.ReadCreatorAsync(brand, campaigns, creator, store, context.RequestAborted) is { } history
                ? Results.Json(new { generated_at = clock.GetUtcNow().ToUnixTimeMilliseconds(), history })
                : ApiError.Result(404, $"no campaign of brand '{brand}' that this key reads has creator '{creator}'");
        });

        return app;
    }

    /// <summary>The brand's campaigns the caller's key covers; null when it may read none of them, or is a creator's key.</summary>
    private static List<CampaignConfig>? Readable(HttpContext context, CampaignAccess access, string brand)
    {
        if (access.Caller(context) is not { Creator: null })
        {
            return null;
        }

        var campaigns = access.Visible(context).Where(c => c.BrandId == brand).ToList();
        return campaigns.Count > 0 ? campaigns : null;
    }

    // Never 404 for a brand: a key must not learn which brands exist by asking.
    private static IResult Refusal(HttpContext context, CampaignAccess access, string brand) => access.Caller(context) switch
    {
        null => ApiKeys.Unauthorized(context),
        { Creator: { } creator } => ApiError.Result(403, $"this API key is creator '{creator}''s: it reads only /api/campaigns/{{id}}/creators/{creator}/..., not a brand's roster"),
        _ => ApiError.Result(403, $"the API key reads no campaign of brand '{brand}'"),
    };
}
