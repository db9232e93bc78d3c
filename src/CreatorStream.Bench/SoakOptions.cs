namespace CreatorStream.Bench;

/// <summary>Settings of the <see cref="SoakBench"/>. Immutable.</summary>
public sealed record SoakOptions
{
    /// <summary>Hours of event time to replay. Default 30: past the longest horizon (dedup's 24 h) with six hours to see the level.</summary>
    public double Hours { get; init; } = 30;

    /// <summary>Genuine events per second of event time (fakes, duplicates and malformed records on top). Default 3,000.</summary>
    public double EventsPerSecond { get; init; } = 3_000;

    /// <summary>Audience pool of each of the generator's three campaigns. Default 100,000.</summary>
    public int UsersPerCampaign { get; init; } = 100_000;

    /// <summary>A creator's posting cycle: three posts per cycle, hours apart, as a real creator posts. Default 6 h.</summary>
    public TimeSpan PostCycle { get; init; } = TimeSpan.FromHours(6);

    /// <summary>
    /// The campaigns' attribution lookback in days. Default null: the generator's 30 days, the longest horizon of the
    /// state (journeys are kept that long, and new users keep arriving), so a 30-hour soak cannot reach its level; with 1,
    /// the longest horizon is the store's 25 hours of minute buckets.
    /// </summary>
    public int? LookbackDays { get; init; }

    /// <summary>Generator seed. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Event time between samples of the heap. Default one hour.</summary>
    public TimeSpan SampleEvery { get; init; } = TimeSpan.FromHours(1);
}
