namespace CreatorStream.Core.Authenticity;

/// <summary>
/// The ring signal, <c>pod_ring</c> (docs/design.md, "Authenticity"): lockstep across creators, after CopyCatch. An account
/// is in a ring when it engaged early (within <see cref="AuthenticityOptions.RingEarlyMs"/> of each post appearing) on
/// most of the posts of at least two creators since it first did (<see cref="AuthenticityOptions.RingMinCoverage"/>: a
/// ring member works every post, that is the deal), and enough of this post's early engagers did the same on enough of
/// the same posts (<see cref="AuthenticityOptions.RingMinPartners"/> partners, <see cref="AuthenticityOptions.RingMinShared"/>
/// posts, across <see cref="AuthenticityOptions.RingMinCreators"/> creators), each of them as focused: of the posts of
/// those creators it was shown, it engaged most, once per showing (<see cref="AuthenticityOptions.RingMinFocus"/>; 1 when
/// shown none). A fan community is just as loyal, but to one creator; a keen follower of several creators is shown their
/// posts over and over and engages a few percent of what it sees. Reads the classifier's tables. Stateless apart from them.
/// </summary>
internal sealed class RingSignal(
    AuthenticityOptions options,
    IReadOnlyDictionary<ulong, UserState> users,
    IReadOnlyDictionary<ulong, PostState> posts,
    ImpressionLog impressions,
    Func<ulong, IReadOnlyList<ulong>> postsOfCreator)
{
    private const int MaxCreators = 8; // a ring member's creators, looked at: more is not a ring member's pattern

    // Scratch sets, reused from one judgement to the next (single-threaded).
    private readonly HashSet<ulong> _mine = [];
    private readonly HashSet<ulong> _shared = [];
    private readonly HashSet<ulong> _theirs = [];

    /// <summary>
    /// Whether this early engagement on <paramref name="post"/> is a ring's. When it is, <paramref name="partners"/> holds
    /// the partners found among the post's early engagers (they meet the same test: the group is found, not one account).
    /// </summary>
    public bool Found(UserState user, ulong userKey, PostState post, long ts, List<ulong> partners)
    {
        var o = options;
        partners.Clear();
        if (ts - post.FirstSeen > o.RingEarlyMs || user.RingPosts.Length < o.RingMinShared)
        {
            return false;
        }

        var mine = _mine;
        mine.Clear();
        foreach (var (ringPost, _) in user.RingPosts)
        {
            mine.Add(ringPost);
        }

        if (Creators(user, mine) < o.RingMinCreators || !Devoted(user, userKey, mine, ts))
        {
            return false;
        }

        foreach (var other in post.RingEngagers)
        {
            if (other == userKey || !users.TryGetValue(other, out var partner) || partner.RingPosts.Length < o.RingMinShared)
            {
                continue;
            }

            var shared = _shared;
            shared.Clear();
            foreach (var (theirs, _) in partner.RingPosts)
            {
                if (mine.Contains(theirs))
                {
                    shared.Add(theirs);
                }
            }

            if (shared.Count >= o.RingMinShared && Creators(user, shared) >= o.RingMinCreators && Devoted(partner, other, PostsOf(partner), ts))
            {
                partners.Add(other);
            }
        }

        if (partners.Count < o.RingMinPartners)
        {
            partners.Clear();
            return false;
        }

        return true;
    }

    private HashSet<ulong> PostsOf(UserState partner)
    {
        _theirs.Clear();
        foreach (var (post, _) in partner.RingPosts)
        {
            _theirs.Add(post);
        }

        return _theirs;
    }

    /// <summary>Whether the account works its creators' posts as a ring member does: covers them, and engages what it is shown.</summary>
    private bool Devoted(UserState user, ulong userKey, HashSet<ulong> mine, long ts) =>
        Coverage(user, mine, ts) >= options.RingMinCoverage && Focus(user, userKey, mine) >= options.RingMinFocus;

    /// <summary>
    /// Engagement per showing on the account's ring creators' posts: of the times it was shown one of their posts
    /// (impressions remembered), the share that ended in an early engagement (a post engaged counts once); 1 when it was
    /// shown none (a ring that never registers a showing). A member engages the one showing it is sent; a keen viewer is
    /// shown the same posts over and over and engages a few of them.
    /// </summary>
    private double Focus(UserState user, ulong userKey, HashSet<ulong> mine)
    {
        Span<ulong> creators = stackalloc ulong[MaxCreators];
        var count = 0;
        foreach (var (_, creator) in user.RingPosts)
        {
            if (count < MaxCreators && !creators[..count].Contains(creator))
            {
                creators[count++] = creator;
            }
        }

        int views = 0, engaged = 0;
        for (var c = 0; c < count; c++)
        {
            var creatorPosts = postsOfCreator(creators[c]);
            for (var i = 0; i < creatorPosts.Count; i++) // indexed: a foreach over the interface boxes its enumerator
            {
                var postKey = creatorPosts[i];
                var shown = impressions.Views(KeyHash.Combine(userKey, postKey));
                views += shown;
                engaged += shown > 0 && mine.Contains(postKey) ? 1 : 0;
            }
        }

        return views == 0 ? 1 : (double)engaged / views;
    }

    /// <summary>Distinct creators of the account's early posts that are in <paramref name="among"/>.</summary>
    private static int Creators(UserState user, HashSet<ulong> among)
    {
        Span<ulong> creators = stackalloc ulong[MaxCreators];
        var count = 0;
        foreach (var (post, creator) in user.RingPosts)
        {
            if (count < MaxCreators && among.Contains(post) && !creators[..count].Contains(creator))
            {
                creators[count++] = creator;
            }
        }

        return count;
    }

    /// <summary>
    /// Of the posts of the creators the account engaged early, published since its first early engagement with any of them
    /// (and old enough to have been engaged early, or engaged early already), the share it did engage early; 0 while there
    /// are too few such posts to tell a member from a keen follower. Counting from the first engagement with any of the
    /// creators, not with each, keeps a follower's first engagement with its second creator from starting that creator's
    /// count at a post it engaged.
    /// </summary>
    private double Coverage(UserState user, HashSet<ulong> mine, long ts)
    {
        Span<ulong> creators = stackalloc ulong[MaxCreators];
        var count = 0;
        var since = long.MaxValue;
        foreach (var (postKey, creator) in user.RingPosts)
        {
            since = Math.Min(since, posts.TryGetValue(postKey, out var p) ? p.FirstSeen : long.MaxValue);
            if (count < MaxCreators && !creators[..count].Contains(creator))
            {
                creators[count++] = creator;
            }
        }

        int published = 0, engaged = 0;
        for (var c = 0; c < count; c++)
        {
            var creatorPosts = postsOfCreator(creators[c]);
            for (var i = 0; i < creatorPosts.Count; i++)
            {
                var postKey = creatorPosts[i];
                // A post counts once it is old enough to have been engaged early, or once the account has: a member's
                // newest posts count as soon as it works them, so a ring is found by its third post, not half an hour later.
                if (posts.TryGetValue(postKey, out var p) && p.FirstSeen >= since && (ts - p.FirstSeen >= options.RingEarlyMs || mine.Contains(postKey)))
                {
                    published++;
                    engaged += mine.Contains(postKey) ? 1 : 0;
                }
            }
        }

        return published < options.RingMinShared ? 0 : (double)engaged / published;
    }
}
