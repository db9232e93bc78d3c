using CreatorStream.Core.Configuration;
using CreatorStream.Host.Web.Tokens;

namespace CreatorStream.Host.Web;

/// <summary>
/// The one place REST and the hub decide whether a caller may read a campaign. REST callers present their key in the
/// <c>X-Api-Key</c> header; the hub also takes a signed token for a key (<see cref="HubTokens"/>), which is what the
/// dashboard puts in its WebSocket URL.
/// </summary>
public sealed class CampaignAccess(ApiKeyRing keys, CampaignCatalog catalog, HubTokens tokens)
{
    /// <summary>
    /// Expiry is not checked here: on the hub, <paramref name="context"/> is the request that opened the connection,
    /// whose token <see cref="HubKeyGate"/> found valid then; REST takes no tokens.
    /// </summary>
    public AccessDecision Check(HttpContext? context, string campaignId, out CampaignConfig? campaign, string? creatorId = null) =>
        Check(context is null ? null : Caller(context, ignoreExpiry: true), context is not null && Presented(context), campaignId, out campaign, creatorId);

    /// <summary>
    /// The check for a caller already identified (a hub connection's key, resolved when it opened); with
    /// <paramref name="creatorId"/>, for one creator's own route (<see cref="CampaignRoutes.CreatorRoute"/>).
    /// </summary>
    public AccessDecision Check(ApiKeyEntry? caller, bool presented, string campaignId, out CampaignConfig? campaign, string? creatorId = null)
    {
        campaign = catalog.TryGet(campaignId, out var found) ? found : null;
        return ApiKeyRing.Check(caller, presented, campaign, campaignId, creatorId);
    }

    public IEnumerable<CampaignConfig> Visible(HttpContext context) =>
        Caller(context) is { } entry ? catalog.Campaigns.Where(entry.Covers) : [];

    public bool IsKnownKey(HttpContext context) => Caller(context) is not null;

    /// <summary>
    /// The key the request stands for: its <c>X-Api-Key</c>, else (on the hub only) a valid hub token; null when
    /// neither. <paramref name="ignoreExpiry"/> serves calls on a connection that opened with a token still valid then.
    /// </summary>
    public ApiKeyEntry? Caller(HttpContext context, bool ignoreExpiry = false)
    {
        if (ApiKeys.From(context) is { } key)
        {
            return keys.Find(key);
        }

        return context.Request.Path.StartsWithSegments(WebApp.HubPath) ? tokens.Validate(ApiKeys.TokenFrom(context), ignoreExpiry) : null;
    }

    /// <summary>A token for the caller's key, or null when the request carries no valid key.</summary>
    public (string Token, long ExpiresAt)? IssueToken(HttpContext context) =>
        ApiKeys.From(context) is { } key && keys.Find(key) is { } entry ? tokens.Issue(entry) : null;

    private static bool Presented(HttpContext context) => ApiKeys.From(context) is not null || ApiKeys.TokenFrom(context) is { Length: > 0 };
}
