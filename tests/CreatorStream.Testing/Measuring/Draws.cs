namespace CreatorStream.Testing.Measuring;

/// <summary>
/// Random draws for error-rate tests that make their own data, apart from the project's generator (its Prng is not used,
/// so nothing the generator does can make a detector look better than it is).
/// </summary>
public static class Draws
{
    /// <summary>A standard normal draw (Box–Muller, one of the pair).</summary>
    public static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>A Poisson draw by Knuth's product of uniforms: exact, in about <paramref name="mean"/> steps (means up to a few hundred).</summary>
    public static long Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        long count = 0;
        var product = random.NextDouble();
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }

        return count;
    }
}
