namespace CreatorStream.Core.Spikes;

/// <summary>
/// Thresholds of engagement spike and drop detection. Immutable. The defaults were chosen against the generator's
/// planted viral surges (docs/benchmarks.md has the precision and recall they give) and for counts that are
/// roughly Poisson: a z-score of 4 is about one false alarm in 30,000 quiet minutes per key.
/// </summary>
public sealed record SpikeOptions
{
    /// <summary>EWMA weight of the newest minute. Default 0.1: the baseline remembers about the last ten minutes.</summary>
    public double Alpha { get; init; } = 0.1;

    /// <summary>
    /// Minutes of history before a post may alert (and before it counts towards its creator). Default 3. Measured on
    /// generated traffic (docs/benchmarks.md): 5 gave 100% precision and 78% recall on planted surges, 3 gave 98% and
    /// 87%, 2 gave 96% and 91%; surges on posts younger than this go unseen, which is the price of not calling every
    /// launch a spike.
    /// </summary>
    public int WarmupMinutes { get; init; } = 3;

    /// <summary>How many standard deviations above the baseline a minute must be. Default 4.</summary>
    public double SpikeZ { get; init; } = 4;

    /// <summary>Fewest engagements in a minute that can be a spike: tiny creators do not alert on noise. Default 20.</summary>
    public long MinSpikeCount { get; init; } = 20;

    /// <summary>A spike is also at least this many times the baseline. Default 2.5.</summary>
    public double MinSpikeRatio { get; init; } = 2.5;

    /// <summary>A spike episode ends after this many minutes back within <see cref="ClearZ"/>. Default 2.</summary>
    public int ClearMinutes { get; init; } = 2;

    /// <summary>The z-score under which a minute counts as back to normal. Default 2.</summary>
    public double ClearZ { get; init; } = 2;

    /// <summary>An episode longer than this is a new normal: the baseline restarts from it. Default 15.</summary>
    public int MaxEpisodeMinutes { get; init; } = 15;

    /// <summary>A post is active (can drop) when its baseline is at least this many engagements a minute. Default 10.</summary>
    public double DropMinBaseline { get; init; } = 10;

    /// <summary>A drop is this share of the baseline or less, for <see cref="DropMinutes"/> minutes running. Default 0.2.</summary>
    public double DropRatio { get; init; } = 0.2;

    /// <summary>A drop is also at least this many standard deviations below the baseline. Default 3: a post whose
    /// engagement swings widely does not "drop" on an ordinary low minute.</summary>
    public double DropZ { get; init; } = 3;

    /// <summary>Consecutive low minutes that make a drop. Default 2 (one quiet minute is not news).</summary>
    public int DropMinutes { get; init; } = 2;

    /// <summary>A key whose baseline falls below this is forgotten (bounded memory). Default 0.05 engagements a minute.</summary>
    public double ForgetBelow { get; init; } = 0.05;

    public static SpikeOptions Default { get; } = new();
}
