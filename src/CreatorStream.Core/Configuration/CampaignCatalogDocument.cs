namespace CreatorStream.Core.Configuration;

/// <summary>The campaign configuration file: <c>{"campaigns":[…]}</c> (DESIGN.md section 2).</summary>
public sealed record CampaignCatalogDocument
{
    public List<CampaignConfig> Campaigns { get; set; } = [];
}
