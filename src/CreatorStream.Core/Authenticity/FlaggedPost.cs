using CreatorStream.Core.State;

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

/// <summary>
/// A post as the flagged accounts' listing sees it: its campaign, creator and content, one instance shared by every account
/// flagged on it (its <see cref="PostState"/> makes it; a restore shares one per post), with the numbers its four scopes
/// have among one listing's wanted scopes. A listing looks the four up once per post instead of once per account and post
/// (docs/design.md, "Per-event cost"). Mutable; not thread-safe: one classifier's.
/// </summary>
internal sealed class PostScopes(string campaignId, string creatorId, string contentId)
{
    /// <summary>No scope of the listing: the number of a scope that was not asked for.</summary>
    public const int NotWanted = -1;

    private int _listing; // the listing the numbers are for; 0 before the first

    public string CampaignId { get; } = campaignId;

    public string CreatorId { get; } = creatorId;

    public string ContentId { get; } = contentId;

    /// <summary>The numbers, in the listing last resolved, of the campaign's scope, the creator's, the post's and the content's within the campaign (any creator).</summary>
    public int Campaign { get; private set; }

    public int Creator { get; private set; }

    public int Content { get; private set; }

    public int CampaignContent { get; private set; }

    /// <summary>Whether this is the same post as <paramref name="other"/> (the same three ids).</summary>
    public bool IsPost(PostScopes other) =>
        ReferenceEquals(this, other) || (ContentId == other.ContentId && CreatorId == other.CreatorId && CampaignId == other.CampaignId);

    /// <summary>Numbers the four scopes among <paramref name="wanted"/> for listing <paramref name="listing"/>, unless done already.</summary>
    public void Resolve(int listing, Dictionary<FlagScope, int> wanted)
    {
        if (_listing == listing)
        {
            return;
        }

        Campaign = wanted.GetValueOrDefault(new FlagScope(CampaignId, null, null), NotWanted);
        Creator = wanted.GetValueOrDefault(new FlagScope(CampaignId, CreatorId, null), NotWanted);
        Content = wanted.GetValueOrDefault(new FlagScope(CampaignId, CreatorId, ContentId), NotWanted);
        CampaignContent = wanted.GetValueOrDefault(new FlagScope(CampaignId, null, ContentId), NotWanted);
        _listing = listing;
    }

    /// <summary>The instance <paramref name="shared"/> holds for the post, made and added when it holds none (a restore's sharing).</summary>
    public static PostScopes Shared(Dictionary<(string, string, string), PostScopes> shared, string campaignId, string creatorId, string contentId)
    {
        if (!shared.TryGetValue((campaignId, creatorId, contentId), out var post))
        {
            shared.Add((campaignId, creatorId, contentId), post = new PostScopes(campaignId, creatorId, contentId));
        }

        return post;
    }
}
