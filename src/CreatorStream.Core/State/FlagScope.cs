namespace CreatorStream.Core.State;

/// <summary>Which flagged accounts a list is about: a campaign, one of its creators, or one post (null parts mean "all").</summary>
public readonly record struct FlagScope(string CampaignId, string? CreatorId, string? ContentId);
