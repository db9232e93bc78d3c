namespace CreatorStream.Core.Configuration;

/// <summary>The campaign configuration file: <c>{"campaigns":[…]}</c> (docs/design.md, "Events").</summary>
public sealed record CampaignCatalogDocument
{
    public List<CampaignConfig> Campaigns { get; set; } = [];
}
