namespace CreatorStream.Core.Authenticity;

/// <summary>
/// What the classifier remembers about one user who engaged or clicked: recent event times (bursts, regularity),
/// recently engaged posts and when it was last found in a pod (pods), a decaying suspicion, and, once flagged, reason
/// counts and the posts flagged on. Every collection is capped. Compact, since there is one for every engaging user:
/// recent times inline (<see cref="RecentTimes"/>: 32-bit ages while they span under 49.7 days), the lists holding their first item inline, what a flag keeps in one <see cref="AccountFlags"/>
/// made at the first flag, and the user's id as the first engagement or click carried it (an engagement judged
/// authentic may be revised later, and a revised account is listed by its id): the instance the user's journey holds,
/// since the event shares it on arrival, except for an account restored from a snapshot or one that outlived its
/// journey, which keeps a copy of its own. Mutable; not thread-safe.
/// </summary>
internal sealed class UserState
{
    private const int MaxFlaggedPosts = 16; // explainability keeps the latest posts an account was flagged on

    private RecentTimes _recent; // changed through the field (a mutable struct)
    private double _suspicion;
    private long _suspicionTs;

    /// <summary>
    /// The account's user id, as its key (an engagement judged authentic may be revised later, and a revised account is
    /// listed with its reasons); none until its first engagement or click is observed.
    /// </summary>
    public Events.EventIdKey UserId { get; set; }

    public long LastSeen { get; set; } = long.MinValue;

    /// <summary>When the account first engaged the post, within the posts remembered; null when it has not.</summary>
    public long? FirstEngagement(ulong post)
    {
        foreach (var (p, ts) in _posts.AsSpan())
        {
            if (p == post)
            {
                return ts;
            }
        }

        return null;
    }

    // The three lists are held inline (their one item, or an array from the second; no list object): one of these per engaging user.
    private InlineList<(ulong Post, long Ts)> _posts;
    private InlineList<(ulong Post, ulong Creator)> _ringPosts;
    private InlineList<JudgedEngagement> _judged;

    /// <summary>Posts engaged (key, first engagement time), oldest first, capped: who comes back to a post.</summary>
    public ReadOnlySpan<(ulong Post, long Ts)> Posts => _posts.AsSpan();

    /// <summary>Posts the account engaged soon after they appeared, with their creators, oldest first (the ring signal), capped.</summary>
    public ReadOnlySpan<(ulong Post, ulong Creator)> RingPosts => _ringPosts.AsSpan();

    /// <summary>Whether the account engaged the post early (within the ring posts remembered).</summary>
    public bool HasRingPost(ulong post)
    {
        foreach (var (p, _) in _ringPosts.AsSpan())
        {
            if (p == post)
            {
                return true;
            }
        }

        return false;
    }


    /// <summary>
    /// The account's engagements judged authentic within the revision horizon, oldest first, capped: what a group found
    /// later revises. Most accounts hold one or two.
    /// </summary>
    public ReadOnlySpan<JudgedEngagement> Judged => _judged.AsSpan();

    // Null until the account is first flagged (or restored with any of it).
    private AccountFlags? _flags;

    /// <summary>Whether reason counts are kept (from the first flag; a snapshot may restore an account without them).</summary>
    public bool HasReasonCounts => _flags?.HasReasonCounts ?? false;

    /// <summary>How often each reason fired on the account's flagged events, in the codes' order; empty when none are kept.</summary>
    public ReadOnlySpan<int> ReasonCounts => _flags is { } flags ? flags.ReasonCounts : default;

    /// <summary>Whether the posts flagged on are kept (from the first flag, even if none is left).</summary>
    public bool HasFlaggedOn => _flags?.HasPosts ?? false;

    /// <summary>The latest posts the account was flagged on, oldest first; valid until its next flag.</summary>
    public ReadOnlySpan<FlaggedPost> FlaggedOn => _flags is { } flags ? flags.Posts : default;

    public int Flagged => _flags?.Count ?? 0;

    public void RecordTime(long ts) => _recent.Record(ts);

    public int CountSince(long since) => _recent.CountSince(since);

    /// <summary>Whether the recent gaps (at least <paramref name="minGaps"/>, all since <paramref name="since"/>) have a coefficient of variation below <paramref name="maxCv"/>.</summary>
    public bool IsRegular(long since, int minGaps, double maxCv)
    {
        if (_recent.Count < minGaps + 1)
        {
            return false;
        }

        Span<long> times = stackalloc long[RecentTimes.Capacity];
        var n = _recent.CopySince(since, times);
        if (n < minGaps + 1)
        {
            return false;
        }

        times = times[..n];
        times.Sort();
        var sum = 0.0;
        var sumSquares = 0.0;
        for (var i = 1; i < n; i++)
        {
            double gap = times[i] - times[i - 1];
            sum += gap;
            sumSquares += gap * gap;
        }

        var gaps = n - 1;
        var mean = sum / gaps;
        if (mean < 1)
        {
            return false; // simultaneous events are a burst, not a rhythm
        }

        var variance = Math.Max(0, (sumSquares / gaps) - (mean * mean));
        return Math.Sqrt(variance) / mean < maxCv;
    }

    public double SuspicionAt(long ts, long halfLifeMs) =>
        _suspicion <= 0 ? 0 : _suspicion * Math.Pow(0.5, Math.Max(0, ts - _suspicionTs) / (double)halfLifeMs);

    public void RaiseSuspicion(double value, long ts, long halfLifeMs)
    {
        var current = SuspicionAt(ts, halfLifeMs);
        _suspicion = Math.Max(current, value);
        _suspicionTs = Math.Max(_suspicionTs, ts);
    }

    /// <summary>Adds a post (first engagement only), dropping the oldest beyond <paramref name="capacity"/>. Returns false when already there.</summary>
    public bool AddPost(ulong post, long ts, int capacity)
    {
        foreach (var (p, _) in _posts.AsSpan())
        {
            if (p == post)
            {
                return false;
            }
        }

        if (_posts.Count >= capacity)
        {
            _posts.RemoveAt(0);
        }

        _posts.Add((post, ts));
        return true;
    }

    public void ForgetPostsBefore(long before) => _posts.RemoveBefore(before, static p => p.Ts);

    /// <summary>
    /// When the classifier's sweep is next to look at the account (long.MaxValue: not scheduled): no later than the first
    /// time one of its engaged posts or judged engagements passes its horizon. Kept by the classifier.
    /// </summary>
    public long ForgetAt { get; set; } = long.MaxValue;

    /// <summary>
    /// The earliest time one of the account's engaged posts passes <paramref name="podHistoryMs"/> after its time, or one
    /// of its judged engagements <paramref name="revisionHorizonMs"/> after its time (long.MaxValue: it holds none).
    /// </summary>
    public long EarliestExpiry(long podHistoryMs, long revisionHorizonMs)
    {
        var earliest = long.MaxValue;
        foreach (var (_, ts) in _posts.AsSpan())
        {
            earliest = Math.Min(earliest, ExpiryOf(ts, podHistoryMs));
        }

        foreach (var judged in _judged.AsSpan())
        {
            earliest = Math.Min(earliest, ExpiryOf(judged.Ts, revisionHorizonMs));
        }

        return earliest;
    }

    /// <summary><paramref name="ts"/> plus <paramref name="horizonMs"/>, at most long.MaxValue (a horizon of "for ever").</summary>
    public static long ExpiryOf(long ts, long horizonMs) => horizonMs > 0 && ts > long.MaxValue - horizonMs ? long.MaxValue : ts + horizonMs;

    /// <summary>Adds an early post for the ring signal (once each), dropping the oldest beyond <paramref name="capacity"/>.</summary>
    public void AddRingPost(ulong post, ulong creator, int capacity)
    {
        if (HasRingPost(post))
        {
            return;
        }

        if (_ringPosts.Count >= capacity)
        {
            _ringPosts.RemoveAt(0);
        }

        _ringPosts.Add((post, creator));
    }

    /// <summary>Remembers an engagement judged authentic, dropping the oldest beyond <paramref name="capacity"/>.</summary>
    public void AddJudged(JudgedEngagement engagement, int capacity)
    {
        if (_judged.Count >= capacity)
        {
            _judged.RemoveAt(0);
        }

        _judged.Add(engagement);
    }

    /// <summary>Whether the account holds a judged engagement on <paramref name="post"/> that <see cref="TakeJudged"/> would take.</summary>
    public bool HasJudged(ulong post)
    {
        foreach (var judged in _judged.AsSpan())
        {
            if (Takes(post, judged))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a take of <paramref name="post"/> (any post when 0) takes <paramref name="judged"/>.</summary>
    private static bool Takes(ulong post, JudgedEngagement judged) => post == 0 || judged.Post == post;

    /// <summary>Takes out, into <paramref name="into"/>, the judged engagements on <paramref name="post"/> (any post when 0).</summary>
    public void TakeJudged(ulong post, List<JudgedEngagement> into) => Take(post, ringOnly: false, into);

    /// <summary>Moves the engagements judged authentic on the account's ring posts (early engagements) into <paramref name="into"/>.</summary>
    public void TakeRingJudged(List<JudgedEngagement> into) => Take(0, ringOnly: true, into);

    private void Take(ulong post, bool ringOnly, List<JudgedEngagement> into)
    {
        for (var i = 0; i < _judged.Count; i++)
        {
            var judged = _judged.AsSpan()[i];
            if (Takes(post, judged) && (!ringOnly || HasRingPost(judged.Post)))
            {
                into.Add(judged);
                _judged.RemoveAt(i--);
            }
        }
    }

    /// <summary>Forgets judged engagements older than <paramref name="before"/>: past the horizon no group revises them.</summary>
    public void ForgetJudgedBefore(long before)
    {
        if (_judged.RemoveBefore(before, static j => j.Ts) > 0 && _judged.Count == 0)
        {
            _judged.Reset(); // the array goes with the last one, as the list did
        }
    }

    public void RecordFlag(int reasons, PostScopes post)
    {
        var flags = _flags ??= new AccountFlags();
        flags.Count++;
        flags.CountReasons(reasons);
        flags.FlagOn(post, MaxFlaggedPosts);
    }

    /// <summary>
    /// Empties the account, as <c>new()</c> makes it, for a user first seen after this one was forgotten: every field
    /// (a test holds the reset account's snapshot bytes to a new one's). Its lists' arrays and its flags are dropped, not
    /// reused, so nothing that read them before (a listing's explanation) sees them change.
    /// </summary>
    public void Reset()
    {
        _recent = default;
        (_suspicion, _suspicionTs) = (0, 0);
        UserId = default;
        LastSeen = long.MinValue;
        _posts.Reset();
        _ringPosts.Reset();
        _judged.Reset();
        _flags = null;
        ForgetAt = long.MaxValue;
    }

    public void Save(Snapshots.SnapshotWriter writer)
    {
        _recent.Save(writer);
        writer.Write(_suspicion);
        writer.Write(_suspicionTs);
        writer.Write(UserId); // the id's bytes, as its string's (none as a null string)
        writer.Write(LastSeen);
        writer.Write(Flagged);
        writer.Write(Posts, static (w, p) =>
        {
            w.Write(p.Post);
            w.Write(p.Ts);
        });
        writer.Write(RingPosts, static (w, p) =>
        {
            w.Write(p.Post);
            w.Write(p.Creator);
        });
        writer.Write(_judged.Held); // held and empty (all taken by revisions) is written as the list was: present, with none
        if (_judged.Held)
        {
            writer.Write(Judged, static (w, j) =>
            {
                w.Write(j.EventId);
                w.Write(j.Post);
                w.Write(j.Ts);
                w.Write((byte)j.Kind);
                w.Write((byte)j.Platform);
                w.Write(j.CommentTraits);
            });
        }
        writer.Write(HasReasonCounts);
        if (HasReasonCounts)
        {
            writer.Write(ReasonCounts, static (w, c) => w.Write(c));
        }

        writer.Write(HasFlaggedOn);
        if (HasFlaggedOn)
        {
            writer.Write(FlaggedOn, static (w, p) =>
            {
                w.Write(p.CampaignId);
                w.Write(p.CreatorId);
                w.Write(p.ContentId);
                w.Write(p.Flagged);
            });
        }
    }

    /// <summary>
    /// Reads what <see cref="Save"/> wrote. The posts flagged on are taken from <paramref name="posts"/> when it holds them,
    /// and added to it when not, so the accounts restored share one instance per post, as they did when flagged (without
    /// it, each account holds its own).
    /// </summary>
    public static UserState Load(Snapshots.SnapshotReader reader, Dictionary<(string, string, string), PostScopes>? posts = null)
    {
        var user = new UserState();
        user._recent = RecentTimes.Load(reader);
        user._suspicion = reader.Double();
        user._suspicionTs = reader.Long();
        user.UserId = reader.NullableString() is { } userId ? Events.EventIdKey.Of(userId) : default;
        user.LastSeen = reader.Long();
        var flagged = reader.Int();
        reader.Each(r => user._posts.Add((r.ULong(), r.Long())));
        reader.Each(r => user.AddRingPost(r.ULong(), r.ULong(), int.MaxValue));
        if (reader.Bool())
        {
            user._judged.Hold();
            reader.Each(r => user._judged.Add(new JudgedEngagement(r.EventIdKey(), r.ULong(), r.Long(), (Events.EngagementKind)r.Byte(), (Events.Platform)r.Byte(), r.Format >= Dataflow.BrandTask.SentimentFormat ? r.Byte() : (byte)0)));
        }
        if (flagged != 0)
        {
            user._flags = new AccountFlags { Count = flagged };
        }

        if (reader.Bool())
        {
            (user._flags ??= new AccountFlags()).RestoreReasonCounts(reader.List(static r => r.Int()));
        }

        if (reader.Bool())
        {
            var flags = user._flags ??= new AccountFlags();
            flags.HoldPosts();
            reader.Each(r => flags.RestorePost(new FlaggedPost(PostOf(r.String(), r.String(), r.String()), r.Int())));
        }

        return user;

        PostScopes PostOf(string campaignId, string creatorId, string contentId) =>
            posts is null ? new PostScopes(campaignId, creatorId, contentId) : PostScopes.Shared(posts, campaignId, creatorId, contentId);
    }
}
