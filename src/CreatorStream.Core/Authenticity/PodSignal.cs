namespace CreatorStream.Core.Authenticity;

/// <summary>
/// The pod signals (docs/design.md, "Authenticity"). Pod members are real accounts, so nothing about one account gives them away; what does is
/// the group: the same accounts early on the same posts, more often than chance allows, each engaging every post
/// of those creators it is shown, and praising in generic words straight after liking. Accounts found in a pod are
/// marked for <see cref="AuthenticityOptions.PodMemberMs"/>, so the first of them on the next post is recognised
/// before its partners arrive. Reads the classifier's user, post and impression tables; keeps its own index of
/// each creator's recent posts. Mutable; not thread-safe.
/// </summary>
internal sealed class PodSignal(
    AuthenticityOptions options,
    Dictionary<ulong, UserState> users,
    Dictionary<ulong, PostState> posts,
    ImpressionLog impressions)
{
    private const int StackPosts = 32; // the default MaxPostsPerUser: up to this many, the per-call tables live on the stack

    private readonly CreatorPosts _creatorPosts = new();

    /// <summary>Entries held (creators in the post index).</summary>
    public int Count => _creatorPosts.Count;

    /// <summary>Records a post the classifier has just started tracking.</summary>
    public void Published(PostState post, ulong postKey) => _creatorPosts.Add(post.CreatorKey, postKey);

    /// <summary>Drops posts the classifier no longer tracks from the index.</summary>
    public void ForgetRemovedPosts() => _creatorPosts.Forget(posts.ContainsKey);

    /// <summary>
    /// Records the engagement and says whether it is a pod's (<c>pod</c>): it comes within
    /// <see cref="AuthenticityOptions.PodEarlyMs"/> of the post appearing, and either the account was marked as a pod
    /// member recently, or it is focused (see <see cref="Focus"/>) and enough focused partners engaged this post early
    /// together with it and were with it early on another post (<see cref="AuthenticityOptions.PodMinPartners"/>)
    /// or on two others (<see cref="AuthenticityOptions.PodMinPairPartners"/>), each time within
    /// <see cref="AuthenticityOptions.PodTogetherMs"/>, and <see cref="AuthenticityOptions.PodMinLift"/> times more
    /// of them than the posts' early audiences would share by chance. Then it and those partners are marked.
    /// </summary>
    public bool CoEngaged(UserState user, ulong userKey, PostState post, ulong postKey, long ts)
    {
        var o = options;
        var early = ts - post.FirstSeen <= o.PodEarlyMs;
        var shown = impressions.Contains(KeyHash.Combine(userKey, postKey));
        if (user.AddPost(postKey, ts, early, o.MaxPostsPerUser) && early && shown)
        {
            post.AddEngager(userKey, o.MaxEngagersPerPost);
        }

        if (!early)
        {
            return false; // late engagement is ordinary: pods engage as a post goes up
        }

        if (ts - user.PodMarkedAt <= o.PodMemberMs)
        {
            return true; // found in a pod recently: its early engagements are the pod's, partners there yet or not
        }

        if (user.Posts.Count < 2 || Focus(user, userKey) < o.PodMinFocus)
        {
            return false; // nothing shared yet, or a fan who picks and chooses
        }

        // For each other post, and each pair of other posts, this user engaged early: how many of this post's early
        // engagers were with it there too (cell [i, i] for post i, [i, j] for both i and j).
        var n = user.Posts.Count;
        Span<int> together = n <= StackPosts ? stackalloc int[n * n] : new int[n * n];
        Span<bool> with = n <= StackPosts ? stackalloc bool[n] : new bool[n];
        Span<double> audience = n <= StackPosts ? stackalloc double[n] : new double[n];
        foreach (var other in post.Engagers)
        {
            if (other == userKey || !users.TryGetValue(other, out var partner) || !Partner(user, postKey, ts, partner, other, with))
            {
                continue;
            }

            for (var i = 0; i < n; i++)
            {
                for (var j = i; j < n && with[i]; j++)
                {
                    together[(i * n) + j] += with[j] ? 1 : 0;
                }
            }
        }

        // Chance: each early engager of this post was early on another post with the odds of any engaging account
        // (|early(that)| / accounts), on two others with the product of the odds.
        var population = (double)Math.Max(1, users.Count);
        for (var i = 0; i < n; i++)
        {
            audience[i] = posts.TryGetValue(user.Posts[i].Post, out var that) ? that.EarlyEngagers / population : 1;
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                var count = together[(i * n) + j];
                var chance = post.EarlyEngagers * audience[i] * (j == i ? 1 : audience[j]);
                if (count >= (j == i ? o.PodMinPartners : o.PodMinPairPartners) && count >= o.PodMinLift * chance)
                {
                    Mark(user, userKey, postKey, ts, post, i, j);
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether this comment is a pod's (<c>pod_comment</c>): generic praise (<see cref="GenericPraise"/>) by an account
    /// that was shown the post (bot farms praise too, but unshown; they must not swell a group and mark real fans) within
    /// <see cref="AuthenticityOptions.PodEarlyMs"/> of the post appearing and within
    /// <see cref="AuthenticityOptions.PodCommentAfterMs"/> of the account's first engagement with it, while no more
    /// than <see cref="AuthenticityOptions.PodMaxGroup"/> accounts have done so on the post (beyond that it is a
    /// crowd), and at least <see cref="AuthenticityOptions.PodCommentMinAccounts"/> have. From
    /// <see cref="AuthenticityOptions.PodCommentGroup"/> such accounts on one post, all of them are marked.
    /// </summary>
    public bool PodComment(UserState user, ulong userKey, PostState post, long ts, ulong postKey, string text)
    {
        var o = options;
        if (ts - post.FirstSeen > o.PodEarlyMs || !EngagedBefore(user, postKey, ts - o.PodCommentAfterMs, ts) || !GenericPraise.Is(text))
        {
            return false;
        }

        if (!impressions.Contains(KeyHash.Combine(userKey, postKey)))
        {
            return false; // a script's comment: not_shown and the rest judge it
        }

        var group = post.AddPraiser(userKey, o.PodMaxGroup + 1);
        if (group > o.PodMaxGroup)
        {
            return false; // a crowd
        }

        if (group >= o.PodCommentGroup)
        {
            foreach (var praiser in post.Praisers)
            {
                if (users.TryGetValue(praiser, out var member))
                {
                    member.PodMarkedAt = Math.Max(member.PodMarkedAt, ts);
                }
            }
        }

        return group >= o.PodCommentMinAccounts;
    }

    /// <summary>
    /// Whether <paramref name="partner"/> engaged this post early within PodTogetherMs of the user and is focused;
    /// <paramref name="with"/> says on which of the user's other early posts it was with the user too.
    /// </summary>
    private bool Partner(UserState user, ulong postKey, long ts, UserState partner, ulong partnerKey, Span<bool> with)
    {
        if (!Near(partner, postKey, ts))
        {
            return false;
        }

        var any = false;
        for (var i = 0; i < with.Length; i++)
        {
            var (q, tq, early) = user.Posts[i];
            with[i] = q != postKey && early && Near(partner, q, tq);
            any |= with[i];
        }

        return any && Focus(partner, partnerKey) >= options.PodMinFocus;
    }

    /// <summary>Marks the user and its partners on this post that were with it on its <paramref name="i"/>-th and <paramref name="j"/>-th posts too.</summary>
    private void Mark(UserState user, ulong userKey, ulong postKey, long ts, PostState post, int i, int j)
    {
        user.PodMarkedAt = ts;
        var n = user.Posts.Count;
        Span<bool> with = n <= StackPosts ? stackalloc bool[n] : new bool[n];
        foreach (var key in post.Engagers)
        {
            if (key != userKey && users.TryGetValue(key, out var partner) && Partner(user, postKey, ts, partner, key, with) && with[i] && with[j])
            {
                partner.PodMarkedAt = Math.Max(partner.PodMarkedAt, ts);
            }
        }
    }

    /// <summary>Whether the user engaged the post early, within PodTogetherMs of <paramref name="ts"/>.</summary>
    private bool Near(UserState user, ulong postKey, long ts)
    {
        foreach (var (p, t, early) in user.Posts)
        {
            if (p == postKey)
            {
                return early && Math.Abs(t - ts) <= options.PodTogetherMs;
            }
        }

        return false;
    }

    /// <summary>Whether the user's first engagement with the post was in [<paramref name="from"/>, <paramref name="before"/>).</summary>
    private static bool EngagedBefore(UserState user, ulong postKey, long from, long before)
    {
        foreach (var (p, t, _) in user.Posts)
        {
            if (p == postKey)
            {
                return t >= from && t < before;
            }
        }

        return false;
    }

    /// <summary>
    /// Of the recent posts the user was shown by the creators whose posts it engaged early, the share it engaged: pod
    /// members engage every one (that is the deal), fans pick and choose. 1 when it was shown none of them (its
    /// impressions lost upstream). At most 8 creators are looked at: more is not a pod member's pattern anyway.
    /// </summary>
    private double Focus(UserState user, ulong userKey)
    {
        Span<ulong> creators = stackalloc ulong[8];
        var count = 0;
        foreach (var (postKey, _, early) in user.Posts)
        {
            if (count < creators.Length && early && posts.TryGetValue(postKey, out var p) && !creators[..count].Contains(p.CreatorKey))
            {
                creators[count++] = p.CreatorKey;
            }
        }

        var shown = 0;
        var engaged = 0;
        foreach (var creator in creators[..count])
        {
            foreach (var postKey in _creatorPosts.Of(creator))
            {
                if (impressions.Contains(KeyHash.Combine(userKey, postKey)))
                {
                    shown++;
                    engaged += user.HasPost(postKey) ? 1 : 0;
                }
            }
        }

        return shown == 0 ? 1 : (double)engaged / shown;
    }

    /// <summary>The posts of each creator (the rest of what pods read is the classifier's own tables).</summary>
    public void Save(Snapshots.SnapshotWriter writer) => _creatorPosts.Save(writer);

    public void Load(Snapshots.SnapshotReader reader) => _creatorPosts.Load(reader);
}
