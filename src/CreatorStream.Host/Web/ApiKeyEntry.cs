using CreatorStream.Core.Configuration;

namespace CreatorStream.Host.Web;

/// <summary>One API key, by hash, and what it covers: null sets mean "all campaigns".</summary>
public sealed record ApiKeyEntry(byte[] Sha256, IReadOnlySet<string>? Campaigns, IReadOnlySet<string>? Brands)
{
    public bool CoversAll => Campaigns is null && Brands is null;

    public bool Covers(CampaignConfig campaign) =>
        CoversAll
        || (Campaigns?.Contains(campaign.CampaignId) ?? false)
        || (Brands?.Contains(campaign.BrandId) ?? false);
}
