using CreatorStream.Core.Attribution;

namespace CreatorStream.Core.Tests.Attribution;

/// <summary><see cref="MarkovChain"/> against the value-iteration oracle on small random path sets (cycles included).</summary>
public sealed class MarkovChainOracleTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void ConversionProbabilityAndRemovalEffects_RandomPathSets_MatchValueIteration()
    {
        var random = new Random(42);
        for (var run = 0; run < 300; run++)
        {
            var chain = new MarkovChain();
            var oracle = new MarkovOracle();
            var creators = Enumerable.Range(0, random.Next(1, 6)).Select(i => $"c{i}").ToArray();
            var added = new List<(string[] Path, bool Converted)>();
            for (var p = random.Next(1, 10); p > 0; p--)
            {
                var path = RandomPath(random, creators);
                var converted = random.Next(3) != 0;
                chain.Add(path, converted);
                oracle.Add(path, converted);
                added.Add((path, converted));
            }

            // Take some paths back out again, as a caller does when a journey later converts.
            foreach (var (path, converted) in added.Where(_ => random.Next(4) == 0))
            {
                chain.Add(path, converted, weight: -1);
                oracle.Add(path, converted, weight: -1);
            }

            Assert.Equal(oracle.ConversionProbability(), chain.ConversionProbability(), Tolerance);
            foreach (var (creator, effect) in chain.RemovalEffects())
            {
                Assert.True(
                    Math.Abs(oracle.RemovalEffect(creator) - effect) <= Tolerance,
                    $"run {run}, {creator}: solver {effect:R}, oracle {oracle.RemovalEffect(creator):R}");
            }
        }
    }

    [Theory]
    [InlineData(60, 3_000, 60)]
    [InlineData(300, 20_000, 8)]
    public void ConversionProbabilityAndRemovalEffects_ManyCreators_MatchValueIteration(int creatorCount, int journeys, int checkedCreators)
    {
        // The sizes campaigns reach; the inversion has no pivoting (GaussJordan says why), so check it well past toy sizes.
        var random = new Random(creatorCount);
        var creators = Enumerable.Range(0, creatorCount).Select(i => $"creator-{i}").ToArray();
        var chain = new MarkovChain();
        var oracle = new MarkovOracle();
        for (var journey = 0; journey < journeys; journey++)
        {
            var path = RandomPath(random, creators);
            var converted = random.Next(10) == 0;
            chain.Add(path, converted);
            oracle.Add(path, converted);
        }

        var effects = chain.RemovalEffects();

        Assert.Equal(creatorCount, effects.Count);
        Assert.Equal(oracle.ConversionProbability(), chain.ConversionProbability(), Tolerance);
        foreach (var creator in creators.Take(checkedCreators))
        {
            Assert.Equal(oracle.RemovalEffect(creator), effects[creator], Tolerance);
        }
    }

    // One to five steps over the creators, consecutive repeats merged as Journey.Build would; revisits (cycles) allowed.
    private static string[] RandomPath(Random random, string[] creators)
    {
        var path = new List<string>();
        for (var step = random.Next(1, 6); step > 0; step--)
        {
            var creator = creators[random.Next(creators.Length)];
            if (path.Count == 0 || path[^1] != creator)
            {
                path.Add(creator);
            }
        }

        return [.. path];
    }
}
