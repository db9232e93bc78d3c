namespace CreatorStream.Core.Authenticity;

/// <summary>
/// What the classifier remembers about one user who engaged or clicked: recent event times (bursts, regularity),
/// recently engaged posts and when it was last found in a pod (pods), a decaying suspicion, and, once flagged, reason
/// counts and the posts flagged on. Every collection is capped. Compact, since there is one for every engaging user:
/// recent times inline, the post list sized for the one post most users engage, and the user's id kept only once the
/// account is flagged (only flagged accounts are ever listed). Mutable; not thread-safe.
/// </summary>
internal sealed class UserState
{
    private const int RecentCapacity = 8; // bursts need 6 and regularity 6 events: a few more smooth out disorder
    private const int MaxFlaggedPosts = 16; // explainability keeps the latest posts an account was flagged on

    private RecentTimes _recent;
    private int _recentCount;
    private int _recentNext;
    private double _suspicion;
    private long _suspicionTs;

    /// <summary>The account's id, kept from its first flag on (null until then).</summary>
    public string? UserId { get; private set; }

    public long LastSeen { get; set; } = long.MinValue;

    /// <summary>Posts engaged (key, first engagement time, whether that was soon after the post appeared), oldest first.</summary>
    public List<(ulong Post, long Ts, bool Early)> Posts { get; } = new(1);

    /// <summary>When the account was last found in a pod (event time); long.MinValue / 2 when never.</summary>
    public long PodMarkedAt { get; set; } = long.MinValue / 2;

    public int[]? ReasonCounts { get; private set; }

    public List<FlaggedPost>? FlaggedOn { get; private set; }

    public int Flagged { get; private set; }

    public void RecordTime(long ts)
    {
        _recent[_recentNext] = ts;
        _recentNext = (_recentNext + 1) % RecentCapacity;
        _recentCount = Math.Min(_recentCount + 1, RecentCapacity);
    }

    public int CountSince(long since)
    {
        var count = 0;
        for (var i = 0; i < _recentCount; i++)
        {
            if (_recent[i] >= since)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Whether the recent gaps (at least <paramref name="minGaps"/>, all since <paramref name="since"/>) have a coefficient of variation below <paramref name="maxCv"/>.</summary>
    public bool IsRegular(long since, int minGaps, double maxCv)
    {
        if (_recentCount < minGaps + 1)
        {
            return false;
        }

        Span<long> times = stackalloc long[RecentCapacity];
        var n = 0;
        for (var i = 0; i < _recentCount; i++)
        {
            if (_recent[i] >= since)
            {
                times[n++] = _recent[i];
            }
        }

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
    public bool AddPost(ulong post, long ts, bool early, int capacity)
    {
        foreach (var (p, _, _) in Posts)
        {
            if (p == post)
            {
                return false;
            }
        }

        if (Posts.Count >= capacity)
        {
            Posts.RemoveAt(0);
        }

        Posts.Add((post, ts, early));
        return true;
    }

    /// <summary>Whether the user engaged the post (within the posts remembered).</summary>
    public bool HasPost(ulong post)
    {
        foreach (var (p, _, _) in Posts)
        {
            if (p == post)
            {
                return true;
            }
        }

        return false;
    }

    public void ForgetPostsBefore(long before) => Posts.RemoveAll(p => p.Ts < before);

    public void RecordFlag(string userId, int reasons, string campaignId, string creatorId, string contentId)
    {
        UserId ??= userId;
        Flagged++;
        ReasonCounts ??= new int[AuthenticityReasons.All.Count];
        for (var bit = 0; bit < ReasonCounts.Length; bit++)
        {
            if ((reasons & (1 << bit)) != 0)
            {
                ReasonCounts[bit]++;
            }
        }

        FlaggedOn ??= [];
        foreach (var post in FlaggedOn)
        {
            if (post.ContentId == contentId && post.CreatorId == creatorId && post.CampaignId == campaignId)
            {
                post.Flagged++;
                return;
            }
        }

        if (FlaggedOn.Count >= MaxFlaggedPosts)
        {
            FlaggedOn.RemoveAt(0);
        }

        FlaggedOn.Add(new FlaggedPost(campaignId, creatorId, contentId) { Flagged = 1 });
    }

    public void Save(Snapshots.SnapshotWriter writer)
    {
        for (var i = 0; i < RecentCapacity; i++)
        {
            writer.Write(_recent[i]);
        }

        writer.Write(_recentCount);
        writer.Write(_recentNext);
        writer.Write(_suspicion);
        writer.Write(_suspicionTs);
        writer.Write(UserId);
        writer.Write(LastSeen);
        writer.Write(PodMarkedAt);
        writer.Write(Flagged);
        writer.Write(Posts, static (w, p) =>
        {
            w.Write(p.Post);
            w.Write(p.Ts);
            w.Write(p.Early);
        });
        writer.Write(ReasonCounts is not null);
        if (ReasonCounts is not null)
        {
            writer.Write(ReasonCounts, static (w, c) => w.Write(c));
        }

        writer.Write(FlaggedOn is not null);
        if (FlaggedOn is not null)
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

    public static UserState Load(Snapshots.SnapshotReader reader)
    {
        var user = new UserState();
        for (var i = 0; i < RecentCapacity; i++)
        {
            user._recent[i] = reader.Long();
        }

        user._recentCount = reader.Int();
        user._recentNext = reader.Int();
        user._suspicion = reader.Double();
        user._suspicionTs = reader.Long();
        user.UserId = reader.NullableString();
        user.LastSeen = reader.Long();
        user.PodMarkedAt = reader.Long();
        user.Flagged = reader.Int();
        reader.Each(r => user.Posts.Add((r.ULong(), r.Long(), r.Bool())));
        if (reader.Bool())
        {
            user.ReasonCounts = [.. reader.List(static r => r.Int())];
        }

        if (reader.Bool())
        {
            user.FlaggedOn = reader.List(static r => new FlaggedPost(r.String(), r.String(), r.String()) { Flagged = r.Int() });
        }

        return user;
    }

    [System.Runtime.CompilerServices.InlineArray(RecentCapacity)]
    private struct RecentTimes
    {
        private long _first;
    }
}
