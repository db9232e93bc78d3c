namespace CreatorStream.Core.Authenticity;

/// <summary>A post an account was flagged on, and how many of its events there were flagged. Mutable counter; not thread-safe.</summary>
internal sealed class FlaggedPost(PostScopes post)
{
    /// <summary>The post, shared with every account flagged on it.</summary>
    public PostScopes Post { get; } = post;

    public string CampaignId => Post.CampaignId;

    public string CreatorId => Post.CreatorId;

    public string ContentId => Post.ContentId;

    public int Flagged { get; set; }
}
