using CreatorStream.Core.State;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// A post as the flagged accounts' listing sees it: its campaign, creator and content, one instance shared by the accounts
/// flagged on it (its <see cref="PostState"/> makes it at the first flag, and a restore gives the accounts and the post
/// one per post; a post forgotten and seen again makes another), with the numbers its four scopes have among the wanted
/// scopes of the listing that last resolved it. A listing looks the four up once per instance instead of once per account
/// and post (docs/design.md, "Per-event cost"). Mutable; not thread-safe: one classifier's.
/// </summary>
internal sealed class PostScopes(string campaignId, string creatorId, string contentId)
{
    /// <summary>The number of a scope the listing did not ask for.</summary>
    public const int NotWanted = -1;

    private long _listing; // the listing the numbers are for; 0 before the first

    public string CampaignId { get; } = campaignId;

    public string CreatorId { get; } = creatorId;

    public string ContentId { get; } = contentId;

    /// <summary>The number, among the last resolved listing's wanted scopes, of the campaign's scope (<see cref="NotWanted"/> when not asked for).</summary>
    public int CampaignScope { get; private set; }

    /// <summary>The same for the creator's scope within the campaign.</summary>
    public int CreatorScope { get; private set; }

    /// <summary>The same for the post's own scope (campaign, creator and content).</summary>
    public int PostScope { get; private set; }

    /// <summary>The same for the content's scope within the campaign, any creator.</summary>
    public int CampaignContentScope { get; private set; }

    /// <summary>Whether this is the same post as <paramref name="other"/> (the same three ids).</summary>
    public bool IsPost(PostScopes other) =>
        ReferenceEquals(this, other) || (ContentId == other.ContentId && CreatorId == other.CreatorId && CampaignId == other.CampaignId);

    /// <summary>Numbers the four scopes among <paramref name="wanted"/> for listing <paramref name="listing"/> (from 1), unless done already.</summary>
    public void Resolve(long listing, Dictionary<FlagScope, int> wanted)
    {
        if (_listing == listing)
        {
            return;
        }

        CampaignScope = wanted.GetValueOrDefault(new FlagScope(CampaignId, null, null), NotWanted);
        CreatorScope = wanted.GetValueOrDefault(new FlagScope(CampaignId, CreatorId, null), NotWanted);
        PostScope = wanted.GetValueOrDefault(new FlagScope(CampaignId, CreatorId, ContentId), NotWanted);
        CampaignContentScope = wanted.GetValueOrDefault(new FlagScope(CampaignId, null, ContentId), NotWanted);
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
