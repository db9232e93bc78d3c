namespace CreatorStream.Core.State;

/// <summary>A creator of one campaign.</summary>
public readonly record struct CreatorRef(string CampaignId, string CreatorId);
