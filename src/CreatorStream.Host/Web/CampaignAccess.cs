using CreatorStream.Core.Configuration;

namespace CreatorStream.Host.Web;

/// <summary>The one place REST and the hub decide whether a caller may read a campaign.</summary>
public sealed class CampaignAccess(ApiKeyRing keys, CampaignCatalog catalog)
{
    public AccessDecision Check(HttpContext? context, string campaignId, out CampaignConfig? campaign)
    {
        campaign = catalog.TryGet(campaignId, out var found) ? found : null;
        return keys.Check(context is null ? null : ApiKeys.From(context), campaign, campaignId);
    }

    public IEnumerable<CampaignConfig> Visible(HttpContext context) => keys.Visible(ApiKeys.From(context), catalog.Campaigns);

    public bool IsKnownKey(HttpContext context) => keys.IsKnown(ApiKeys.From(context));
}
