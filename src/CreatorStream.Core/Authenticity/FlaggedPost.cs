namespace CreatorStream.Core.Authenticity;

/// <summary>A post an account was flagged on (shared with every account flagged on it), and how many of its events there were flagged.</summary>
internal readonly record struct FlaggedPost(PostScopes Post, int Flagged)
{
    public string CampaignId => Post.CampaignId;

    public string CreatorId => Post.CreatorId;

    public string ContentId => Post.ContentId;
}
