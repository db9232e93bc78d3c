using CreatorStream.Core.Attribution;

namespace CreatorStream.Core.Tests.Attribution;

/// <summary>Properties of <see cref="Journey"/> and every model over seeded random journeys.</summary>
public sealed class AttributionPropertyTests
{
    private const int Cases = 500;
    private const double SumTolerance = 1e-9;
    private const long T = Touch.ConversionTs;
    private static readonly TimeSpan Lookback = TimeSpan.FromDays(30);
    private static readonly TimeSpan HalfLife = TimeSpan.FromHours(168);
    private static readonly string[] Creators = ["ana", "ben", "cho", "dee", "eli"];
    private static readonly string[] Campaigns = ["spring", "summer"];

    [Fact]
    public void AllModels_RandomJourneys_SharesAreInZeroOneAndSumToOne()
    {
        var random = new Random(20250131);
        for (var run = 0; run < Cases; run++)
        {
            var journey = Journey.Build(RandomTouchpoints(random), T, Lookback);
            foreach (var (model, credits) in AllModels(journey, RandomEffects(random)))
            {
                if (journey.Count == 0)
                {
                    Assert.Empty(credits);
                    continue;
                }

                Assert.All(credits, c => Assert.InRange(c.Share, 0, 1));
                var sum = credits.Sum(c => c.Share);
                Assert.True(Math.Abs(sum - 1) <= SumTolerance, $"{model} run {run}: shares sum to {sum:R}");
            }
        }
    }

    [Fact]
    public void AllModels_RandomJourneys_CreditOnlyPartiesOfTheJourney()
    {
        var random = new Random(7);
        for (var run = 0; run < Cases; run++)
        {
            var journey = Journey.Build(RandomTouchpoints(random), T, Lookback);
            var parties = journey.Select(t => (t.CampaignId, t.CreatorId, t.ContentId)).ToHashSet();

            // Every creator has a positive removal effect, including those not in this journey.
            var effects = Creators.ToDictionary(c => c, _ => 0.01 + random.NextDouble());
            foreach (var (model, credits) in AllModels(journey, effects))
            {
                Assert.All(credits, c => Assert.Contains((c.CampaignId, c.CreatorId, c.ContentId), parties));
                var perPosition = model is AttributionModels.FirstTouch or AttributionModels.LastTouch ? Math.Min(1, journey.Count) : journey.Count;
                Assert.Equal(perPosition, credits.Count);
            }
        }
    }

    [Fact]
    public void TimeDecay_AllTimestampsEqual_EqualsLinear()
    {
        var random = new Random(11);
        for (var run = 0; run < Cases; run++)
        {
            var ts = T - random.NextInt64(Lookback.Ticks / TimeSpan.TicksPerMillisecond);
            var count = random.Next(1, 9);
            var journey = Enumerable.Range(0, count)
                .Select(i => Touch.At(Creators[i % Creators.Length], ts, eventId: $"e{i}", campaign: Campaigns[i / Creators.Length % 2]))
                .ToList();

            var decay = AttributionMath.TimeDecay(journey, T, HalfLife);
            var linear = AttributionMath.Linear(journey);

            Assert.Equal(linear.Count, decay.Count);
            for (var i = 0; i < linear.Count; i++)
            {
                Assert.Equal(linear[i] with { Share = 0 }, decay[i] with { Share = 0 });
                Assert.Equal(linear[i].Share, decay[i].Share, 1e-15);
            }
        }
    }

    [Fact]
    public void Build_ShuffledInput_GivesTheSameJourney()
    {
        var random = new Random(3);
        for (var run = 0; run < Cases; run++)
        {
            var touchpoints = RandomTouchpoints(random);
            var expected = Journey.Build(touchpoints, T, Lookback);

            var shuffled = touchpoints.ToArray();
            random.Shuffle(shuffled);

            Assert.Equal(expected, Journey.Build(shuffled, T, Lookback));
        }
    }

    [Fact]
    public void Build_RandomTouchpoints_IsOrderedInsideTheLookbackWithNoConsecutiveSameParty()
    {
        var random = new Random(5);
        for (var run = 0; run < Cases; run++)
        {
            var journey = Journey.Build(RandomTouchpoints(random), T, Lookback);

            Assert.All(journey, t => Assert.InRange(t.Ts, T - (30 * Touch.Day), T));
            for (var i = 1; i < journey.Count; i++)
            {
                var previous = journey[i - 1];
                var current = journey[i];
                Assert.True(previous.Ts < current.Ts || (previous.Ts == current.Ts && string.CompareOrdinal(previous.EventId, current.EventId) <= 0));
                Assert.False(previous.CampaignId == current.CampaignId && previous.CreatorId == current.CreatorId);
            }
        }
    }

    private static IEnumerable<(string Model, IReadOnlyList<Credit> Credits)> AllModels(
        IReadOnlyList<Touchpoint> journey,
        IReadOnlyDictionary<string, double> effects) =>
        AttributionModels.All
            .Where(m => m != AttributionModels.Direct)
            .Select(m => (m, AttributionMath.ForModel(m, journey, T, HalfLife, effects)));

    // Up to 12 touchpoints of five creators in two campaigns, a few hours apart (so runs and ties happen), some outside the
    // lookback on either side.
    private static List<Touchpoint> RandomTouchpoints(Random random)
    {
        var count = random.Next(0, 13);
        var touchpoints = new List<Touchpoint>(count);
        for (var i = 0; i < count; i++)
        {
            var ts = T - (random.Next(-2, 33) * Touch.Day) + (random.Next(0, 3) * Touch.Hour);
            touchpoints.Add(Touch.At(
                Creators[random.Next(Creators.Length)],
                ts,
                eventId: $"evt-{random.Next(1000)}",
                campaign: Campaigns[random.Next(Campaigns.Length)],
                content: $"post-{random.Next(4)}",
                kind: (TouchKind)random.Next(3)));
        }

        return touchpoints;
    }

    // Random removal effects, sometimes all zero (the linear fallback) and sometimes missing creators.
    private static Dictionary<string, double> RandomEffects(Random random) =>
        Creators.Where(_ => random.Next(4) != 0).ToDictionary(c => c, _ => random.Next(3) == 0 ? 0 : random.NextDouble());
}
