namespace CreatorStream.Core.State;

/// <summary>A campaign's post's credit from one country's audience, under one model (docs/design.md, "Recommendations").</summary>
public readonly record struct CountryCreditKey(string CampaignId, string ContentId, string Country, string Model);
