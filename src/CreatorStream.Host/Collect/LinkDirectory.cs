using CreatorStream.Core.Configuration;

namespace CreatorStream.Host.Collect;

/// <summary>
/// Which campaign and creator a tracked link belongs to, per brand, from the campaign file's creators' <c>links</c>: a
/// landing names only its link, and the collector fills in the rest (docs/design.md, "Collector").
/// </summary>
public sealed class LinkDirectory
{
    private readonly Dictionary<(string Brand, string Link), List<(string Campaign, string Creator)>> _links = [];

    public LinkDirectory(CampaignCatalog catalog)
    {
        foreach (var campaign in catalog.Campaigns)
        {
            foreach (var creator in campaign.Creators)
            {
                foreach (var link in creator.Links)
                {
                    var key = (campaign.BrandId, link);
                    if (!_links.TryGetValue(key, out var owners))
                    {
                        _links[key] = owners = [];
                    }

                    owners.Add((campaign.CampaignId, creator.CreatorId));
                }
            }
        }
    }

    /// <summary>
    /// The link's campaign and creator, or a reason it has none: unknown to the brand, or in several campaigns and
    /// <paramref name="campaignId"/> (the landing's <c>campaign_id</c> or <c>utm_campaign</c>) names none of them.
    /// </summary>
    public ((string Campaign, string Creator)? Owner, string? Problem) Find(string brandId, string linkId, string? campaignId)
    {
        if (!_links.TryGetValue((brandId, linkId), out var owners))
        {
            return (null, $"link '{linkId}' is not a tracked link of brand '{brandId}' (campaign file: creators' links)");
        }

        if (owners.Count == 1)
        {
            return (owners[0], null);
        }

        foreach (var owner in owners)
        {
            if (owner.Campaign == campaignId)
            {
                return (owner, null);
            }
        }

        return (null, $"link '{linkId}' is in {owners.Count} campaigns of brand '{brandId}': give campaign_id (or utm_campaign) naming one");
    }
}
