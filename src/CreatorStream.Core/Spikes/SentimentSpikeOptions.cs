namespace CreatorStream.Core.Spikes;

/// <summary>
/// Thresholds of <see cref="SentimentSpikeDetector"/>: when a post's negative comments turn. Immutable. A minute is a
/// negative sentiment spike when its count of negative comments is a spike by <see cref="Counts"/> (the engagement
/// spike rule on that count) and the comments have turned too: negative comments are at least
/// <see cref="MinNegativeShare"/> of the minute's scored comments and at least <see cref="MinShareRatio"/> times their
/// usual share, and so many negatives must be improbable at the usual share (<see cref="MaxChance"/>, a binomial tail).
/// The second test keeps a post that simply goes viral, with the same mix of opinions, from reading as a backlash; the
/// third keeps a busy post's ordinary swings (10 comments a minute, 15 % negative, now and then 6 of 10) from reading
/// as one. Set before the measurement seeds were run (docs/benchmarks.md, session 25).
/// </summary>
public sealed record SentimentSpikeOptions
{
    /// <summary>
    /// The spike rule on the count of negative comments a minute. Defaults: the engagement spike's z (4) and ratio
    /// (2.5), no warm-up (a post that launches into a backlash is news), and a floor of 5 negative comments a minute,
    /// so one angry comment on a quiet post is never a spike.
    /// </summary>
    public SpikeOptions Counts { get; init; } = SpikeOptions.Default with { MinSpikeCount = 5, WarmupMinutes = 0 };

    /// <summary>Smallest share of the minute's scored comments that are negative. Default 0.3.</summary>
    public double MinNegativeShare { get; init; } = 0.3;

    /// <summary>How many times the post's usual negative share the minute's must be. Default 2.</summary>
    public double MinShareRatio { get; init; } = 2;

    /// <summary>
    /// Largest chance of at least the minute's negative comments among its scored ones, were each negative with the
    /// post's usual share over a long memory (about a hundred minutes, so a few noisy minutes do not lower it), and at
    /// least <see cref="MinUsualShare"/>. Default
    /// 1e-4: about one false alarm in 10,000 minutes of a post whose opinions have not changed.
    /// </summary>
    public double MaxChance { get; init; } = 1e-4;

    /// <summary>
    /// The usual share assumed at least, so a new post (or one with no negative comment yet) is not surprised by its
    /// first few: a launch alerts at 7 negative of 10 scored comments, not 6. Default 0.1.
    /// </summary>
    public double MinUsualShare { get; init; } = 0.1;

    public static SentimentSpikeOptions Default { get; } = new();
}
