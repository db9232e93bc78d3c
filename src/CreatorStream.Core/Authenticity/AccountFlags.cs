using System.Runtime.CompilerServices;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// What the classifier keeps of an account once it is flagged: how many engagements were, the count of each reason, and
/// the latest posts flagged on. Held by <see cref="UserState"/> only from its first flag (one reference for the many
/// accounts never flagged, not three fields: docs/benchmarks.md, session 38), and one object: the reason counts sit
/// inline and the posts in an inline list (docs/benchmarks.md, session 56). Mutable; not thread-safe.
/// </summary>
internal sealed class AccountFlags
{
    /// <summary>Room for the count of every reason code (<see cref="AuthenticityReasons.All"/>).</summary>
    public const int ReasonSlots = 16;

    private ReasonTally _reasons;

    // How many reasons are counted: every code's for counts made here, the length a snapshot gave for restored ones
    // (an older one's codes were fewer), -1 for none (a snapshot may restore the posts flagged on without counts).
    private int _reasonLength = -1;

    // The latest posts flagged on (held from the first flag, even if emptied), oldest first; changed through the field.
    private InlineList<FlaggedPost> _posts;

    static AccountFlags()
    {
        if (AuthenticityReasons.All.Count > ReasonSlots)
        {
            throw new InvalidOperationException($"{AuthenticityReasons.All.Count} reason codes do not fit the {ReasonSlots} slots AccountFlags counts them in");
        }
    }

    public int Count { get; set; }

    public bool HasReasonCounts => _reasonLength >= 0;

    /// <summary>Each reason's count, in the codes' order; empty when none are kept.</summary>
    public ReadOnlySpan<int> ReasonCounts => ((ReadOnlySpan<int>)_reasons)[..Math.Max(0, _reasonLength)];

    public bool HasPosts => _posts.Held;

    /// <summary>The latest posts flagged on, oldest first; valid until the next flag.</summary>
    public ReadOnlySpan<FlaggedPost> Posts => _posts.AsSpan();

    /// <summary>Counts each reason whose bit <paramref name="reasons"/> has.</summary>
    public void CountReasons(int reasons)
    {
        if (_reasonLength < 0)
        {
            _reasonLength = AuthenticityReasons.All.Count;
        }

        Span<int> counts = _reasons;
        for (var bit = 0; bit < _reasonLength; bit++)
        {
            if ((reasons & (1 << bit)) != 0)
            {
                counts[bit]++;
            }
        }
    }

    /// <summary>Counts a flag on <paramref name="post"/>, keeping the latest <paramref name="maxPosts"/> posts.</summary>
    public void FlagOn(PostScopes post, int maxPosts)
    {
        var posts = _posts.AsSpan();
        for (var i = 0; i < posts.Length; i++)
        {
            if (posts[i].Post.IsPost(post))
            {
                _posts.Set(i, posts[i] with { Flagged = posts[i].Flagged + 1 });
                return;
            }
        }

        if (_posts.Count >= maxPosts)
        {
            _posts.RemoveAt(0);
        }

        _posts.Add(new FlaggedPost(post, Flagged: 1));
    }

    /// <summary>Takes the reason counts a snapshot kept.</summary>
    public void RestoreReasonCounts(IReadOnlyList<int> counts)
    {
        if (counts.Count > ReasonSlots)
        {
            throw new InvalidDataException($"an account's snapshot counts {counts.Count} reasons, more than the {ReasonSlots} there are slots for");
        }

        _reasonLength = counts.Count;
        Span<int> slots = _reasons;
        for (var bit = 0; bit < counts.Count; bit++)
        {
            slots[bit] = counts[bit];
        }
    }

    /// <summary>Takes a post a snapshot kept, after those taken before; the first holds the list (present even with none).</summary>
    public void RestorePost(FlaggedPost post) => _posts.Add(post);

    /// <summary>Marks the posts as kept, with none (a snapshot that held the list empty).</summary>
    public void HoldPosts() => _posts.Hold();

    [InlineArray(ReasonSlots)]
    private struct ReasonTally
    {
        private int _first;
    }
}
