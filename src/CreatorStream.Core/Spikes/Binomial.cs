namespace CreatorStream.Core.Spikes;

/// <summary>The binomial distribution's upper tail, for judging counts too small for a normal approximation. Pure.</summary>
internal static class Binomial
{
    /// <summary>
    /// P(X ≥ <paramref name="k"/>) for X ~ Binomial(<paramref name="n"/>, <paramref name="p"/>): each term from the one
    /// before, starting at k in log space (exact to rounding for any n a minute brings), stopping once terms no longer
    /// add to the sum.
    /// </summary>
    public static double TailAtLeast(long k, long n, double p)
    {
        if (k <= 0)
        {
            return 1;
        }

        if (k > n || p <= 0)
        {
            return 0;
        }

        if (p >= 1)
        {
            return 1;
        }

        // log C(n, k) + k log p + (n − k) log(1 − p)
        var log = (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p));
        for (long i = 1; i <= k; i++)
        {
            log += Math.Log((double)(n - k + i) / i);
        }

        var term = Math.Exp(log);
        var sum = term;
        var odds = p / (1 - p);
        for (var j = k; j < n && term > sum * 1e-15; j++)
        {
            term *= (double)(n - j) / (j + 1) * odds;
            sum += term;
        }

        return Math.Min(1, sum);
    }
}
