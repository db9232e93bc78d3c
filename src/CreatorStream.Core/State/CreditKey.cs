namespace CreatorStream.Core.State;

/// <summary>Where a conversion's credit goes under one model: a campaign's creator and post (post empty for direct credit).</summary>
public readonly record struct CreditKey(string CampaignId, string CreatorId, string ContentId, string Model);
