namespace CreatorStream.Bench;

/// <summary>Percentiles of a set of latencies in milliseconds (nearest rank); null figures when there were no samples. Immutable.</summary>
public sealed record LatencySummary(long Count, double? P50, double? P99, double? P999, double? Max)
{
    public static LatencySummary Empty { get; } = new(0, null, null, null, null);

    /// <summary>Sorts <paramref name="samples"/> in place and reads the percentiles off it.</summary>
    public static LatencySummary Of(List<double> samples)
    {
        if (samples.Count == 0)
        {
            return Empty;
        }

        samples.Sort();
        return new LatencySummary(samples.Count, Rank(samples, 0.50), Rank(samples, 0.99), Rank(samples, 0.999), samples[^1]);
    }

    // Nearest rank: the smallest sample with at least q of all samples at or below it.
    private static double Rank(List<double> sorted, double q) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)], 2);
}
