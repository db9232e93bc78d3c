namespace CreatorStream.Host.Web;

/// <summary>A campaign in the list a key can see.</summary>
public sealed record CampaignSummary(string CampaignId, string BrandId, string Name, string Currency);
