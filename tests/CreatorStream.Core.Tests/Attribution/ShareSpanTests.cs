using CreatorStream.Core.Attribution;
using CreatorStream.Core.Conversions;

namespace CreatorStream.Core.Tests.Attribution;

/// <summary>
/// The share functions the attributor keeps orders with (<see cref="AttributionMath.TimeDecayShares"/>,
/// <see cref="AttributionMath.DataDrivenShares"/>, <see cref="OrderRecord.Keep(ReadOnlySpan{double})"/>) write into
/// scratch instead of making credit lists. Kept shares are compared bit for bit when an order is refunded or restored, so
/// they are checked here bit for bit against the models' definitions, computed the plain way, on random journeys.
/// </summary>
public sealed class ShareSpanTests
{
    private const long T = 1_767_225_600_000;

    [Fact]
    public void Shares_OnRandomJourneys_AreTheDefinitionsBitForBit()
    {
        var random = new Random(19);
        var scratch = new double[4]; // shorter than most journeys at first: a caller grows it
        var creators = new Dictionary<string, (double, int)>(StringComparer.Ordinal);
        var (decayKept, drivenKept, allLinear, repeated) = (0, 0, 0, 0);
        for (var round = 0; round < 2_000; round++)
        {
            var n = random.Next(0, 40);
            var journey = Enumerable.Range(0, n)
                .Select(i => new Touchpoint("camp", "c" + random.Next(6), "post-" + random.Next(3), T - (random.Next(4) == 0 ? 0 : random.NextInt64(0, 90L * 86_400_000)), "e" + i, TouchKind.Click))
                .ToList();
            var effects = Enumerable.Range(0, 6).Where(_ => random.Next(3) > 0).ToDictionary(
                c => "c" + c, _ => random.Next(8) switch { 0 => 0.0, 1 => -0.5, 2 => double.NaN, _ => random.NextDouble() });
            var halfLife = TimeSpan.FromHours(random.Next(1, 24 * 14));
            if (scratch.Length < n)
            {
                scratch = new double[n * 2];
            }

            var shares = scratch.AsSpan(0, n);
            AttributionMath.TimeDecayShares(journey, halfLife, shares);
            AssertBits(TimeDecayByDefinition(journey, halfLife), shares);
            decayKept += OrderRecord.Keep(shares) is null ? 0 : 1;
            Assert.Equal(KeepByDefinition(TimeDecayByDefinition(journey, halfLife)), OrderRecord.Keep(shares));

            creators["left-over"] = (9, 9); // scratch from an earlier call is emptied first
            AttributionMath.DataDrivenShares(journey, effects, shares, creators);
            var expected = DataDrivenByDefinition(journey, effects);
            AssertBits(expected, shares);
            Assert.Equal(KeepByDefinition(expected), OrderRecord.Keep(shares));
            drivenKept += OrderRecord.Keep(shares) is null ? 0 : 1;
            allLinear += n > 0 && OrderRecord.Keep(shares) is null ? 1 : 0;
            repeated += journey.GroupBy(t => t.CreatorId).Any(g => g.Count() > 1) ? 1 : 0;

            // The credit lists the public models return carry the same shares.
            AssertBits(TimeDecayByDefinition(journey, halfLife), [.. AttributionMath.TimeDecay(journey, T, halfLife).Select(c => c.Share)]);
            AssertBits(expected, [.. AttributionMath.DataDriven(journey, effects).Select(c => c.Share)]);
        }

        // Not vacuous: kept and all-linear shares both occur under data-driven (the fallback among them), and creators at
        // several positions.
        Assert.InRange(decayKept, 500, 2_000);
        Assert.InRange(drivenKept, 500, 2_000);
        Assert.InRange(allLinear, 50, 2_000);
        Assert.InRange(repeated, 500, 2_000);
    }

    /// <summary>Weights 2^(−age/halfLife) relative to the newest touch, normalised.</summary>
    private static double[] TimeDecayByDefinition(List<Touchpoint> journey, TimeSpan halfLife)
    {
        if (journey.Count == 0)
        {
            return [];
        }

        var newest = journey.Max(t => t.Ts);
        var weights = journey.Select(t => Math.Pow(2, -((double)(newest - t.Ts) / halfLife.TotalMilliseconds))).ToArray();
        var total = 0.0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        return [.. weights.Select(w => w / total)];
    }

    /// <summary>Each creator's usable effect over the sum of the journey's, split among its touches; linear when none is usable.</summary>
    private static double[] DataDrivenByDefinition(List<Touchpoint> journey, Dictionary<string, double> effects)
    {
        double Usable(string creator) => effects.TryGetValue(creator, out var e) && double.IsFinite(e) && e > 0 ? e : 0;
        var total = 0.0;
        foreach (var creator in journey.Select(t => t.CreatorId).Distinct())
        {
            total += Usable(creator);
        }

        return total <= 0
            ? [.. journey.Select(_ => 1.0 / journey.Count)]
            : [.. journey.Select(t => Usable(t.CreatorId) / total / journey.Count(u => u.CreatorId == t.CreatorId))];
    }

    private static double[]? KeepByDefinition(double[] shares) =>
        shares.All(s => BitConverter.DoubleToInt64Bits(s) == BitConverter.DoubleToInt64Bits(1.0 / shares.Length)) ? null : shares;

    private static void AssertBits(double[] expected, ReadOnlySpan<double> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                BitConverter.DoubleToInt64Bits(expected[i]) == BitConverter.DoubleToInt64Bits(actual[i]),
                $"share {i} of {expected.Length}: {actual[i]:R}, by definition {expected[i]:R}");
        }
    }
}
