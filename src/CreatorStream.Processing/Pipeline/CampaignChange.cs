namespace CreatorStream.Processing.Pipeline;

/// <summary>Notice that a campaign's committed state changed; readers re-read the store. Immutable.</summary>
public sealed record CampaignChange(string CampaignId, long Watermark, long CommittedAtMs);
