namespace CreatorStream.Bench;

/// <summary>How a memory bench (<c>bench --memory</c>) runs: the synthetic population it drives through the processor. Immutable.</summary>
public sealed record MemoryBenchOptions
{
    /// <summary>Distinct users, each with one short session (about 4.4 events). Default 100,000.</summary>
    public int Users { get; init; } = 100_000;

    /// <summary>Creators, dealt round-robin to the campaigns, each with <see cref="PostsPerCreator"/> posts. Default 60.</summary>
    public int Creators { get; init; } = 60;

    /// <summary>Campaigns (two brands between them). Default 3, as the generator's.</summary>
    public int Campaigns { get; init; } = 3;

    /// <summary>Posts per creator, alternating Instagram and TikTok. Default 4.</summary>
    public int PostsPerCreator { get; init; } = 4;

    /// <summary>
    /// Event time over which the sessions start, evenly. Default 20 minutes: inside every retention of the per-user
    /// state (impressions 30 min, users 60 min, dedup 24 h, journeys 30 days), so every user is still held at the end.
    /// </summary>
    public TimeSpan Span { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>Whether each per-user component is also fed the events alone and measured (three more passes). Default false.</summary>
    public bool Components { get; init; }

    /// <summary>
    /// The Redis the snapshot is committed to, as a worker's is (<c>--redis</c>): its chunks go to the store as they
    /// fill (docs/design.md, "Recovery"), so the peak beside it is a worker's. Null (the default) keeps the snapshot's
    /// bytes in the process, as a store that takes a snapshot only whole would.
    /// </summary>
    public Redis.RedisStoreOptions? Redis { get; init; }

    /// <summary>Seed of every choice. Default 42.</summary>
    public int Seed { get; init; } = 42;
}
