namespace CreatorStream.Core.Trends;

/// <summary>
/// Whether a window's rate is below a baseline's by more than chance: the conditional test of two Poisson rates. Given
/// k = k₀ + k₁ events over exposures n₀ and n₁, under equal rates k₁ is binomial(k, n₁ / (n₀ + n₁)); the answer is how
/// many standard deviations k₁ lies from that mean (normal approximation). Works for rates above one (orders per click
/// can exceed one, when view-through journeys convert), where a test of two proportions would not. Pure.
/// </summary>
public static class RateTest
{
    /// <summary>The z of the window's count: negative when it is below what the baseline rate expects; 0 when undefined.</summary>
    public static double Z(long windowCount, long windowExposure, long baselineCount, long baselineExposure)
    {
        var total = windowCount + baselineCount;
        if (total <= 0 || windowExposure <= 0 || baselineExposure <= 0)
        {
            return 0;
        }

        var share = (double)windowExposure / (windowExposure + baselineExposure);
        var mean = total * share;
        var sd = Math.Sqrt(total * share * (1 - share));
        return (windowCount - mean) / sd;
    }

    /// <summary>
    /// How much more the hours' counts vary than a Poisson count would at one steady <paramref name="rate"/>: Pearson's
    /// χ² over the hours with exposure, divided by their number less one (the quasi-Poisson dispersion), at least 1.
    /// Real rates are not steady: every post has its own click-through rate, so a creator's hourly counts spread far more
    /// than Poisson; a z divided by the square root of this is judged against the spread the scope really shows.
    /// </summary>
    public static double Dispersion(ReadOnlySpan<long> counts, ReadOnlySpan<long> exposures, double rate)
    {
        double chi2 = 0;
        var hours = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (exposures[i] > 0)
            {
                var expected = exposures[i] * rate;
                var residual = counts[i] - expected;
                chi2 += residual * residual / expected;
                hours++;
            }
        }

        return hours < 2 ? 1 : Math.Max(1, chi2 / (hours - 1));
    }
}
