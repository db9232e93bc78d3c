namespace CreatorStream.Core.Estimates;

/// <summary>
/// An estimate with its 90 % interval (docs/design.md, "Estimates"): never a bare number, so no estimate reads as a
/// measurement. Immutable.
/// </summary>
public sealed record Interval(double Estimate, double Low, double High)
{
    /// <summary>The two-sided 90 % normal quantile.</summary>
    public const double Z90 = 1.6448536269514722;

    /// <summary>The normal 90 % interval of an estimate with this variance.</summary>
    public static Interval Normal(double estimate, double variance)
    {
        var half = Z90 * Math.Sqrt(Math.Max(variance, 0));
        return new Interval(estimate, estimate - half, estimate + half);
    }

    /// <summary>
    /// The Wilson interval of a share of <paramref name="k"/> in <paramref name="n"/> (n &gt; 0, 0 ≤ k ≤ n) at normal
    /// quantile <paramref name="z"/>. A fractional k (credit split between creators) is read as that share of n trials.
    /// </summary>
    public static Interval Wilson(double k, long n, double z)
    {
        var p = k / n;
        var denominator = 1 + (z * z / n);
        var centre = (p + (z * z / (2 * n))) / denominator;
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4.0 * n * n))) / denominator;
        return new Interval(p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>This interval times a non-negative factor (a share of it, or a figure per unit).</summary>
    public Interval Times(double factor) => new(Estimate * factor, Low * factor, High * factor);

    /// <summary>This interval plus a known amount.</summary>
    public Interval Plus(double amount) => new(Estimate + amount, Low + amount, High + amount);

    /// <summary>Whether <paramref name="value"/> is inside (the bounds included).</summary>
    public bool Covers(double value) => value >= Low && value <= High;
}
