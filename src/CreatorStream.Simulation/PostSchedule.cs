using System.Globalization;

namespace CreatorStream.Simulation;

/// <summary>
/// Posts over the run: every creator publishes on a schedule (one post already live when the run starts), each
/// post's share of attention decays exponentially after publication, and a session picks a post in proportion
/// to that share. Posts whose attention has faded are dropped, so memory holds only the live ones.
/// Mutable; one per enumeration.
/// </summary>
internal sealed class PostSchedule
{
    // Posts per creator per cycle, and the attention decay as a fraction of the cycle: with the default run
    // (100 000 events at 200/s, a 10-minute cycle) a creator posts every 3 minutes or so and a post's attention
    // halves in about 100 seconds, so trends move within a short demo.
    private const double PostsPerCycle = 3;
    private const double DecayPerCycle = 0.25;

    // The cycle is the expected run length, clamped: short runs still show several posts, and long or endless
    // runs (the live demo) keep a new post going up somewhere every minute or so rather than at a real
    // creator's daily pace, which nobody watching a dashboard would see.
    private const double MinCycleMs = 10 * 60 * 1000;
    private const double MaxCycleMs = 60 * 60 * 1000;

    // Attention weights are refreshed once a second of event time: cheap, and finer than any window.
    private const long RefreshMs = 1_000;

    private readonly TrafficSimulation _simulation;
    private readonly Action<Post> _published;
    private readonly int[] _postCounts;
    private readonly List<Post> _live = [];
    private double[] _cumulative = [];
    private long _refreshedAt;
    private bool _stale = true;

    public PostSchedule(TrafficSimulation simulation, Action<Post> published)
    {
        _simulation = simulation;
        _published = published;
        _postCounts = new int[simulation.World.Creators.Count];
        var runMs = simulation.Options.MaxEvents / simulation.Options.EventsPerSecond * 1_000;
        CycleMs = simulation.Options.PostCycle?.TotalMilliseconds ?? Math.Clamp(runMs, MinCycleMs, MaxCycleMs);
        DecayMs = CycleMs * DecayPerCycle;
    }

    public double CycleMs { get; }

    public double DecayMs { get; }

    public IReadOnlyList<Post> Live => _live;

    /// <summary>Puts one post of every creator live before the start and schedules each creator's next.</summary>
    public void Start(long startMs)
    {
        var rng = _simulation.Random;
        foreach (var creator in _simulation.World.Creators)
        {
            Add(NewPost(creator, startMs - (long)rng.Uniform(0, DecayMs)));
            ScheduleNext(creator, startMs + (long)(rng.Uniform(0.1, 1.0) * CycleMs / PostsPerCycle));
        }
    }

    /// <summary>A live post, in proportion to its current share of attention.</summary>
    public Post Pick(long now)
    {
        if (_stale || now - _refreshedAt >= RefreshMs)
        {
            Refresh(now);
        }

        var target = _simulation.Random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        index = index < 0 ? ~index : index + 1;
        return _live[Math.Min(index, _live.Count - 1)];
    }

    /// <summary>The current attention of a post, relative to its potential.</summary>
    public double Attention(Post post, long now) => Math.Exp(-Math.Max(0, now - post.PublishedAt) / DecayMs);

    private void ScheduleNext(CreatorProfile creator, long at) => _simulation.At(at, () =>
    {
        var post = NewPost(creator, at);
        foreach (var older in _live)
        {
            older.Superseded |= older.Creator == creator;
        }

        Add(post);
        _published(post);
        ScheduleNext(creator, at + (long)(_simulation.Random.Uniform(0.6, 1.4) * CycleMs / PostsPerCycle));
    });

    private Post NewPost(CreatorProfile creator, long publishedAt)
    {
        var rng = _simulation.Random;
        var platform = rng.Chance(0.5) ? creator.Platforms[0] : rng.Pick(creator.Platforms);
        var number = ++_postCounts[creator.Index];
        return new Post(
            string.Create(CultureInfo.InvariantCulture, $"c-{creator.CreatorId}-{number}"),
            creator,
            platform,
            rng.Pick(PlatformTraits.Formats(platform)),
            publishedAt,
            creator.Popularity * rng.LogNormal(1.0, 0.5),
            rng.Uniform(0.7, 1.3));
    }

    private void Add(Post post)
    {
        _live.Add(post);
        _stale = true;
    }

    private void Refresh(long now)
    {
        // Forget superseded posts whose attention is below 0.03 % of their peak (eight decay times).
        _live.RemoveAll(p => p.Superseded && now - p.PublishedAt > 8 * DecayMs);
        if (_cumulative.Length != _live.Count)
        {
            _cumulative = new double[_live.Count];
        }

        var sum = 0.0;
        var creatorAttention = _simulation.Options.SteadyAudiences ? CreatorAttention(now) : null;
        for (var i = 0; i < _live.Count; i++)
        {
            var weight = _live[i].Potential * Attention(_live[i], now);
            sum += creatorAttention is null ? weight : Share(weight, creatorAttention[_live[i].Creator]);
            _cumulative[i] = sum;
        }

        _refreshedAt = now;
        _stale = false;
    }

    /// <summary>Each creator's total attention now: dividing by it gives every creator the same share of sessions.</summary>
    private Dictionary<CreatorProfile, double> CreatorAttention(long now)
    {
        var totals = new Dictionary<CreatorProfile, double>();
        foreach (var post in _live)
        {
            totals[post.Creator] = totals.GetValueOrDefault(post.Creator) + (post.Potential * Attention(post, now));
        }

        return totals;
    }

    // A creator whose every post's attention underflowed (a post cycle of weeks) gets no sessions rather than NaN.
    private static double Share(double weight, double campaignTotal) => campaignTotal > 0 ? weight / campaignTotal : 0;
}
