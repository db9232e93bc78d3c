using CreatorStream.Core.Attribution;

namespace CreatorStream.Core.Tests.Attribution;

public sealed class MarkovChainTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void ConversionProbability_HandComputedChain_IsTwoThirds()
    {
        // Paths a→conv, b→null, a→b→conv. Counts: START→a 2, START→b 1; a→conv 1, a→b 1; b→null 1, b→conv 1.
        // x_b = 1/2; x_a = 1/2 + 1/2·x_b = 3/4; P = 2/3·x_a + 1/3·x_b = 1/2 + 1/6 = 2/3.
        var chain = HandComputed();

        Assert.Equal(2.0 / 3, chain.ConversionProbability(), Tolerance);
        Assert.Equal(2, chain.Conversions);
    }

    [Fact]
    public void RemovalEffects_HandComputedChain_AreThreeQuartersAndOneHalf()
    {
        // Without a: START→a goes to NULL, P = 1/3·x_b = 1/6, effect 1 − (1/6)/(2/3) = 3/4.
        // Without b: x_a = 1/2, P = 2/3·1/2 = 1/3, effect 1 − (1/3)/(2/3) = 1/2.
        var effects = HandComputed().RemovalEffects();

        Assert.Equal(2, effects.Count);
        Assert.Equal(0.75, effects["a"], Tolerance);
        Assert.Equal(0.5, effects["b"], Tolerance);
    }

    [Fact]
    public void RemovalEffects_ChainWithACycle_AreSolvedExactly()
    {
        // Paths a→b→a→conv and b→null. Counts: START→a 1, START→b 1; a→b 1, a→conv 1; b→a 1, b→null 1.
        // x_a = 1/2 + 1/2·x_b, x_b = 1/2·x_a → x_a = 2/3, x_b = 1/3; P = 1/2·2/3 + 1/2·1/3 = 1/2.
        // Without a: nothing converts, effect 1. Without b: x_a = 1/2, P = 1/4, effect 1/2.
        var chain = new MarkovChain();
        chain.Add(["a", "b", "a"], converted: true);
        chain.Add(["b"], converted: false);

        Assert.Equal(0.5, chain.ConversionProbability(), Tolerance);
        Assert.Equal(1, chain.RemovalEffects()["a"], Tolerance);
        Assert.Equal(0.5, chain.RemovalEffects()["b"], Tolerance);
    }

    [Fact]
    public void ConversionProbability_EmptyChain_IsZero()
    {
        var chain = new MarkovChain();
        chain.Add([], converted: true);

        Assert.Equal(0, chain.ConversionProbability());
        Assert.Empty(chain.RemovalEffects());
        Assert.Equal(0, chain.Conversions);
    }

    [Fact]
    public void RemovalEffects_NoConversions_AreZero()
    {
        var chain = new MarkovChain();
        chain.Add(["a", "b"], converted: false);

        Assert.Equal(0, chain.ConversionProbability());
        Assert.Equal(new Dictionary<string, double> { ["a"] = 0, ["b"] = 0 }, chain.RemovalEffects());
    }

    [Fact]
    public void Add_NegativeWeight_UndoesAnEarlierAdd()
    {
        // A journey first counted as not converting, then converting: remove the NULL path, add the converting one.
        var chain = HandComputed();
        chain.Add(["b", "a"], converted: false);
        chain.Add(["b", "a"], converted: false, weight: -1);

        Assert.Equal(2.0 / 3, chain.ConversionProbability(), Tolerance);
        Assert.Equal(0.75, chain.RemovalEffects()["a"], Tolerance);

        chain.Add(["b"], converted: false, weight: -1);
        chain.Add(["b"], converted: true);

        // Now b→conv 2: x_b = 1, x_a = 1, P = 1. Without a: only START→b converts, P = 1/3, effect 2/3.
        // Without b: x_a = 1/2, P = 2/3·1/2 = 1/3, effect 2/3.
        Assert.Equal(1, chain.ConversionProbability(), Tolerance);
        Assert.Equal(2.0 / 3, chain.RemovalEffects()["a"], Tolerance);
        Assert.Equal(2.0 / 3, chain.RemovalEffects()["b"], Tolerance);
        Assert.Equal(3, chain.Conversions);
    }

    [Fact]
    public void Extend_GrowingOpenPaths_GivesExactlyWhatRemovingAndAddingThemGives()
    {
        // The oracle is the path moved the long way (removed, then added one longer); random paths with repeats and
        // returns to a creator, some converting, compared to the last bit after every step. A third chain moves its paths
        // by states (each path's last state kept, as the attributor keeps it), and must agree as well.
        var random = new Random(7);
        var creators = new[] { "a", "b", "c", "d", "e" };
        var (incremental, whole, byState) = (new MarkovChain(), new MarkovChain(), new MarkovChain());
        var lastState = new Dictionary<List<string>, int>(ReferenceEqualityComparer.Instance);
        var open = new List<List<string>>();
        for (var step = 0; step < 2_000; step++)
        {
            if (open.Count == 0 || random.Next(4) == 0)
            {
                open.Add([]);
            }

            var path = open[random.Next(open.Count)];
            if (random.Next(10) == 0 && path.Count > 0)
            {
                // It converts: out of the open paths, into the chain as converting, in both the same way.
                foreach (var chain in new[] { incremental, whole, byState })
                {
                    chain.Add(path, converted: false, weight: -1);
                    chain.Add(path, converted: true);
                }

                open.Remove(path);
                continue;
            }

            var next = creators[random.Next(creators.Length)];
            incremental.Extend(path, next);
            var nextState = byState.StateOf(next);
            byState.Extend(lastState.GetValueOrDefault(path, MarkovChain.StartState), nextState);
            lastState[path] = nextState;
            if (path.Count > 0)
            {
                whole.Add(path, converted: false, weight: -1);
            }

            path.Add(next);
            whole.Add(path, converted: false);
            if (step % 97 == 0)
            {
                Assert.Equal(whole.ConversionProbability(), incremental.ConversionProbability());
                Assert.Equal(whole.RemovalEffects(), incremental.RemovalEffects());
                Assert.Equal(whole.ConversionProbability(), byState.ConversionProbability());
                Assert.Equal(whole.RemovalEffects(), byState.RemovalEffects());
            }
        }

        Assert.Equal(whole.ConversionProbability(), incremental.ConversionProbability());
        Assert.Equal(whole.RemovalEffects(), incremental.RemovalEffects());
        Assert.Equal(whole.ConversionProbability(), byState.ConversionProbability());
        Assert.Equal(whole.RemovalEffects(), byState.RemovalEffects());
        Assert.True(whole.Conversions > 10, "too few conversions to compare");
    }

    [Fact]
    public void Extend_APathNotAdded_ThrowsAndChangesNothing()
    {
        var chain = HandComputed();

        Assert.Throws<ArgumentException>(() => chain.Extend(["z"], "a"));
        Assert.Throws<ArgumentException>(() => chain.Extend(["a"], "b")); // a leads to the conversion and to b, never to NULL
        Assert.Throws<ArgumentException>(() => chain.Extend(chain.StateOf("a"), chain.StateOf("b"))); // the same, by states
        Assert.Throws<ArgumentException>(() => chain.Extend(99, chain.StateOf("b"))); // no such state
        Assert.Throws<ArgumentOutOfRangeException>(() => chain.Extend(MarkovChain.StartState, MarkovChain.StartState)); // not a creator's
        Assert.Throws<ArgumentOutOfRangeException>(() => chain.Extend(MarkovChain.StartState, 99));

        Assert.Equal(2.0 / 3, chain.ConversionProbability(), Tolerance);
        Assert.Equal(0.75, chain.RemovalEffects()["a"], Tolerance);
    }

    [Fact]
    public void Add_RemovingAPathThatWasNotAdded_ThrowsAndChangesNothing()
    {
        var chain = HandComputed();

        Assert.Throws<ArgumentException>(() => chain.Add(["b", "a"], converted: true, weight: -1));
        Assert.Throws<ArgumentException>(() => chain.Add(["z"], converted: false, weight: -1));
        // a→b twice in one path but counted once.
        Assert.Throws<ArgumentException>(() => chain.Add(["a", "b", "a", "b"], converted: true, weight: -1));

        Assert.Equal(2.0 / 3, chain.ConversionProbability(), Tolerance);
        Assert.Equal(2, chain.Conversions);
    }

    [Fact]
    public void Add_RemovalsLeavingAnUnreachableCycle_IgnoresTheCycle()
    {
        // After the removal a↔b is a closed cycle (I − Q singular on it) that START no longer reaches.
        var chain = new MarkovChain();
        chain.Add(["a", "b", "a"], converted: true);
        chain.Add(["c"], converted: true);
        chain.Add(["a"], converted: true, weight: -1);

        Assert.Equal(1, chain.ConversionProbability(), Tolerance);
        Assert.Equal(new Dictionary<string, double> { ["a"] = 0, ["b"] = 0, ["c"] = 1 }, chain.RemovalEffects());
    }

    [Fact]
    public void Add_RepeatedCreator_SelfLoopChangesNothing()
    {
        var merged = HandComputed();
        var unmerged = HandComputed();
        unmerged.Add(["a", "a"], converted: true, weight: 1);
        merged.Add(["a"], converted: true, weight: 1);

        Assert.Equal(merged.ConversionProbability(), unmerged.ConversionProbability(), Tolerance);
        Assert.Equal(merged.RemovalEffects()["a"], unmerged.RemovalEffects()["a"], Tolerance);
        Assert.Equal(merged.RemovalEffects()["b"], unmerged.RemovalEffects()["b"], Tolerance);
    }

    [Fact]
    public void Add_WeightedPath_CountsLikeRepeatedAdds()
    {
        var weighted = new MarkovChain();
        weighted.Add(["a", "b"], converted: true, weight: 3);
        weighted.Add(["b"], converted: false);
        var repeated = new MarkovChain();
        for (var i = 0; i < 3; i++)
        {
            repeated.Add(["a", "b"], converted: true);
        }

        repeated.Add(["b"], converted: false);

        Assert.Equal(repeated.ConversionProbability(), weighted.ConversionProbability(), Tolerance);
        Assert.Equal(repeated.RemovalEffects()["a"], weighted.RemovalEffects()["a"], Tolerance);
        Assert.Equal(3, weighted.Conversions);
    }

    [Fact]
    public void RemovalEffects_UnchangedChain_IsCachedAndASnapshot()
    {
        var chain = HandComputed();
        var first = chain.RemovalEffects();

        Assert.Same(first, chain.RemovalEffects());

        chain.Add(["c"], converted: true);

        Assert.False(first.ContainsKey("c"));
        Assert.True(chain.RemovalEffects().ContainsKey("c"));
    }

    private static MarkovChain HandComputed()
    {
        var chain = new MarkovChain();
        chain.Add(["a"], converted: true);
        chain.Add(["b"], converted: false);
        chain.Add(["a", "b"], converted: true);
        return chain;
    }
}
