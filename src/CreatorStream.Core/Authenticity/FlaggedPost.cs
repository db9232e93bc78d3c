namespace CreatorStream.Core.Authenticity;

/// <summary>A post an account was flagged on, and how many of its events there were flagged. Mutable counter; not thread-safe.</summary>
internal sealed class FlaggedPost(string campaignId, string creatorId, string contentId)
{
    public string CampaignId { get; } = campaignId;

    public string CreatorId { get; } = creatorId;

    public string ContentId { get; } = contentId;

    public int Flagged { get; set; }
}
