using CreatorStream.Core.Configuration;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Sketches;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Outcomes;

/// <summary>
/// Which funnel stages each user has passed with each creator of a brand's campaigns and each of their posts
/// (docs/design.md, "Outcomes"), and the changes to the campaign's, the creators' and the posts' funnel counts as users
/// pass them. A user counts at a stage when they
/// have passed it and every stage before it; for the campaign, a stage passed with any of its creators counts. Stages
/// are only ever passed, never taken back, so the counts depend on which events came, not on their order: replay, any
/// number of workers and any batch split give the same funnel. Users are held by a 64-bit hash of their id (a
/// collision among a million users has odds of about 3 in 100 million). Mutable; not thread-safe.
/// </summary>
public sealed class FunnelTracker
{
    /// <summary>
    /// A user's entries are (index &lt;&lt; 8 | stages): creators take the indices below this, posts the ones from it up, so
    /// one array per user holds both and a campaign's mask reads creators' entries only.
    /// </summary>
    private const uint PostBase = 1 << 16;

    /// <summary>Posts tracked per brand: past this (only a flood of unknown content ids gets there) a post has no funnel.</summary>
    private const int MaxPosts = (1 << 24) - (int)PostBase;

    private readonly Dictionary<(string Campaign, string Creator), ushort> _pairs = [];
    private readonly List<(string Campaign, string Creator)> _pairList = [];
    private readonly List<int> _campaignOfPair = []; // each pair's campaign as a number: a campaign's mask compares numbers, not ids
    private readonly Dictionary<(string Campaign, string Creator, string Content), int> _posts = [];

    // Each post's funnel counts on the aggregate of the platform it was first seen on: a content id is one platform's.
    private readonly List<(string Campaign, string Creator, string Content, Events.Platform Platform)> _postList = [];
    private readonly FunnelUsers _users = new();
    private readonly RecentPosts<PostKeys> _recentPosts = new(); // Pass

    public FunnelTracker(CampaignCatalog brandCatalog)
    {
        var campaigns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var campaign in brandCatalog.Campaigns)
        {
            campaigns.TryAdd(campaign.CampaignId, campaigns.Count);
            foreach (var creator in campaign.Creators)
            {
                if (_pairList.Count < ushort.MaxValue && _pairs.TryAdd((campaign.CampaignId, creator.CreatorId), (ushort)_pairList.Count))
                {
                    _pairList.Add((campaign.CampaignId, creator.CreatorId));
                    _campaignOfPair.Add(campaigns[campaign.CampaignId]);
                }
            }
        }
    }

    /// <summary>Users held.</summary>
    public int Users => _users.Count;

    /// <summary>Hints the cache at the user's place in the funnel (<see cref="FunnelUsers.Prefetch"/>).</summary>
    public void Prefetch(ulong userKey, int stage) => _users.Prefetch(userKey, stage);

    /// <summary>
    /// The user (<paramref name="userKey"/>: <see cref="UserHash.Of(string)"/> of its id) passes <paramref name="stage"/>
    /// with a campaign's creator; the creator's and the campaign's funnel counts that change go into
    /// <paramref name="delta"/>'s to-date aggregates.
    /// </summary>
    public void Pass(string campaignId, string creatorId, ulong userKey, FunnelStage stage, StateDelta delta) =>
        Pass(campaignId, creatorId, null, default, userKey, stage, delta);

    /// <summary>
    /// As <see cref="Pass(string, string, ulong, FunnelStage, StateDelta)"/>, and with the creator's post
    /// <paramref name="contentId"/> too when given (first seen on <paramref name="platform"/>), whose funnel counts go
    /// into its to-date aggregate.
    /// </summary>
    public void Pass(string campaignId, string creatorId, string? contentId, Events.Platform platform, ulong userKey, FunnelStage stage, StateDelta delta)
    {
        // A post seen lately: its pair, index and keys by its ids' references (RecentPosts), else found by the ids.
        if (contentId is null || !_recentPosts.TryGet(campaignId, creatorId, contentId, default, out var known))
        {
            if (!_pairs.TryGetValue((campaignId, creatorId), out var pair))
            {
                return; // not a configured creator: the decoder dead-letters those before they get here
            }

            int? post = contentId is null ? null : PostIndex(campaignId, creatorId, contentId, platform);
            known = new PostKeys(pair, post ?? -1, AggregateKey.Campaign(campaignId), AggregateKey.Creator(campaignId, creatorId), post is { } index ? AggregateKey.Content(campaignId, creatorId, contentId!, _postList[index].Platform) : default);
            if (post is not null)
            {
                _recentPosts.Set(campaignId, creatorId, contentId!, default, known); // a post's index and platform never change
            }
        }

        var user = _users.RowOf(userKey);
        var bit = (byte)(1 << (int)stage);
        var (before, after) = Set(user, known.Pair, bit);

        // The campaign's stages are the union of its creators' entries (posts' are not in it), of which only this pair's
        // changed: the others are read once, and not at all when nothing changed (a user seen again, the common case).
        var others = before == after ? (byte)0 : CampaignMask(user, _campaignOfPair[known.Pair], except: known.Pair);
        if (known.Post >= 0)
        {
            var (postBefore, postAfter) = Set(user, PostBase + (uint)known.Post, bit);
            Count(ref delta.For(known.Content).Counters, postBefore, postAfter);
        }

        Count(ref delta.For(known.Creator).Counters, before, after);
        Count(ref delta.For(known.Campaign).Counters, (byte)(others | before), (byte)(others | after));
    }

    // A post's pair, its index (-1: none, past MaxPosts or not a post) and the to-date keys its funnel counts go to.
    private readonly record struct PostKeys(ushort Pair, int Post, AggregateKey Campaign, AggregateKey Creator, AggregateKey Content);

    /// <summary>Sets the stage's bit on the entry for <paramref name="index"/>, adding it if the user has none; returns its stages before and after.</summary>
    private (byte Before, byte After) Set(int user, uint index, byte bit)
    {
        var at = IndexOf(user, index);
        var before = at < 0 ? (byte)0 : (byte)_users.Entry(user, at);
        if ((before & bit) != 0)
        {
            return (before, before);
        }

        var after = (byte)(before | bit);
        if (at < 0)
        {
            _users.AddEntry(user, (index << 8) | after);
        }
        else
        {
            _users.SetEntry(user, at, (index << 8) | after);
        }

        return (before, after);
    }

    /// <summary>The post's index, made on first sight (with the platform it is counted on); null past <see cref="MaxPosts"/>.</summary>
    private int? PostIndex(string campaignId, string creatorId, string contentId, Events.Platform platform)
    {
        if (_posts.TryGetValue((campaignId, creatorId, contentId), out var post))
        {
            return post;
        }

        if (_postList.Count >= MaxPosts)
        {
            return null;
        }

        _posts.Add((campaignId, creatorId, contentId), _postList.Count);
        _postList.Add((campaignId, creatorId, contentId, platform));
        return _postList.Count - 1;
    }

    /// <summary>The platform a post's funnel counts on, when it has one (a post no user has passed a stage of has none).</summary>
    public bool TryGetPostPlatform(string campaignId, string creatorId, string contentId, out Events.Platform platform)
    {
        platform = default;
        if (!_posts.TryGetValue((campaignId, creatorId, contentId), out var post))
        {
            return false;
        }

        platform = _postList[post].Platform;
        return true;
    }

    private int IndexOf(int user, uint index)
    {
        var entries = _users.Entries(user);
        for (var i = 0; i < entries; i++)
        {
            if (_users.Entry(user, i) >> 8 == index)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The stages a user has passed with any creator of the campaign but the pair <paramref name="except"/>.</summary>
    private byte CampaignMask(int user, int campaign, uint except)
    {
        byte mask = 0;
        for (var i = 0; i < _users.Entries(user); i++)
        {
            var entry = _users.Entry(user, i);
            if (entry >> 8 < PostBase && entry >> 8 != except && _campaignOfPair[(int)(entry >> 8)] == campaign)
            {
                mask |= (byte)entry;
            }
        }

        return mask;
    }

    /// <summary>How many stages from the first a mask has passed without a gap.</summary>
    public static int Depth(byte mask)
    {
        var depth = 0;
        while (depth < 4 && (mask & (1 << depth)) != 0)
        {
            depth++;
        }

        return depth;
    }

    // Reached, engaged, clicked and landed: the stages a user passes to count as landed.
    private const byte LandedChain = (1 << (int)FunnelStage.Reached) | (1 << (int)FunnelStage.Engaged) | (1 << (int)FunnelStage.Clicked) | (1 << (int)FunnelStage.Landed);

    private static void Count(ref Counters counters, byte before, byte after)
    {
        if ((before & LandedChain) != LandedChain && (after & LandedChain) == LandedChain)
        {
            counters.FunnelLanded++;
        }

        for (var stage = Depth(before); stage < Depth(after); stage++)
        {
            switch ((FunnelStage)stage)
            {
                case FunnelStage.Reached: counters.FunnelReached++; break;
                case FunnelStage.Engaged: counters.FunnelEngaged++; break;
                case FunnelStage.Clicked: counters.FunnelClicked++; break;
                default: counters.FunnelConverted++; break;
            }
        }
    }

    /// <summary>Writes the posts (with their platforms), then each user's entries: a creator's by its ids, a post's by its index in that list.</summary>
    public void Save(Snapshots.SnapshotWriter writer) => Freeze()(writer);

    /// <summary>
    /// <see cref="Save"/>'s bytes in two steps (decision 0033): the posts, creators and users copied now (the users are
    /// flat rows: block copies), written later by the returned writer on any thread.
    /// </summary>
    public Action<Snapshots.SnapshotWriter> Freeze()
    {
        var (posts, pairs, users) = (_postList.ToArray(), _pairList.ToArray(), _users.Copy());
        return writer => Write(writer, posts, pairs, users);
    }

    private static void Write(Snapshots.SnapshotWriter writer, (string Campaign, string Creator, string Content, Events.Platform Platform)[] posts, (string Campaign, string Creator)[] pairs, FunnelUsers users)
    {
        writer.Write(posts.Length);
        foreach (var (campaign, creator, content, platform) in posts)
        {
            writer.WritePair(campaign, creator);
            writer.Write(content);
            writer.Write((byte)platform);
        }

        writer.Write(users.Count);
        for (var user = 0; user < users.Count; user++)
        {
            writer.Write(users.Key(user));
            writer.Write(users.Entries(user));
            for (var i = 0; i < users.Entries(user); i++)
            {
                var entry = users.Entry(user, i);
                var index = entry >> 8;
                writer.Write(index >= PostBase);
                if (index >= PostBase)
                {
                    writer.Write((int)(index - PostBase));
                }
                else
                {
                    var (campaign, creator) = pairs[(int)index];
                    writer.WritePair(campaign, creator);
                }

                writer.Write((byte)entry);
            }
        }
    }

    /// <summary>
    /// Reads what <see cref="Save"/> wrote into this fresh tracker (same catalog); creators no longer configured are
    /// dropped with their posts. A snapshot before format 7 has no posts: their funnels start from the restore.
    /// </summary>
    public void Load(Snapshots.SnapshotReader reader)
    {
        var withPosts = reader.Format >= Dataflow.BrandTask.SessionsFormat;
        var posts = new List<int?>();
        if (withPosts)
        {
            var count = reader.Int();
            for (var i = 0; i < count; i++)
            {
                var (campaign, creator, content, platform) = (reader.String(), reader.String(), reader.String(), (Events.Platform)reader.Byte());
                posts.Add(_pairs.ContainsKey((campaign, creator)) ? PostIndex(campaign, creator, content, platform) : null);
            }
        }

        var users = reader.Int();
        for (var i = 0; i < users; i++)
        {
            var user = _users.RowOf(reader.ULong());
            var count = reader.Int();
            for (var j = 0; j < count; j++)
            {
                uint? index = null;
                if (withPosts && reader.Bool())
                {
                    index = posts[reader.Int()] is { } post ? PostBase + (uint)post : null;
                }
                else if (_pairs.TryGetValue((reader.String(), reader.String()), out var pair))
                {
                    index = pair;
                }

                var mask = reader.Byte();
                if (index is { } kept)
                {
                    _users.AddEntry(user, (kept << 8) | mask);
                }
            }
        }
    }
}
