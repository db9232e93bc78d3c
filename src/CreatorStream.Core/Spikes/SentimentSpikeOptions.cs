namespace CreatorStream.Core.Spikes;

/// <summary>
/// Thresholds of <see cref="SentimentSpikeDetector"/>: when a post's negative comments turn. Immutable. A minute is a
/// negative sentiment spike when its count of negative comments is a spike by <see cref="Counts"/> (the engagement
/// spike rule on that count) and the comments have turned too: negative comments are at least
/// <see cref="MinNegativeShare"/> of the minute's scored comments and at least <see cref="MinShareRatio"/> times their
/// usual share. The second test keeps a post that simply goes viral, with the same mix of opinions, from reading as a
/// backlash. Tuned on seeds apart from those the tests measure (docs/benchmarks.md, session 25).
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

    public static SentimentSpikeOptions Default { get; } = new();
}
