using CreatorStream.Simulation;
using CreatorStream.Testing.Measuring;
using Xunit.Abstractions;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// The classifier against the main generator's labels on its held-out seeds (docs/decisions/0012: seeds 1–10 are the
/// training seeds that earlier sessions and the tuner tuned on; 11–20 were never looked at while tuning). Three kinds of
/// campaign, each held to the goal itself, never to a floor under it:
/// <list type="bullet">
/// <item>most of a day at a real creator's pace (a post every few hours, 10 events/s, 864 000 records);</item>
/// <item>100 minutes at the generator's compressed pace (a post every 3–20 minutes, 100 events/s, 600 000 records);</item>
/// <item>25 minutes compressed (150 000 records), pooled over the ten seeds: a pod's cold start weighs most here.</item>
/// </list>
/// The goal: every fake kind caught at 90 % or more, at most 0.5 % of genuine engagements flagged, precision 98.5 % or
/// more, and no incident alert made by genuine engagement.
/// </summary>
public sealed class AuthenticityMeasurementTests(ITestOutputHelper output)
{
    private static readonly int[] Seeds = [.. AuthenticityTuner.MainHeldOutSeeds];

    [Fact]
    public void Classify_MostOfADayAtARealPostingPaceOnHeldOutSeeds_MeetsTheGoalOnEverySeed()
    {
        foreach (var seed in Seeds.Take(5))
        {
            var m = GeneratorMeasurement.Run(AuthenticityTuner.RealPace(seed, events: 864_000));
            output.WriteLine(m.Table(seed));
            AssertTheGoal(seed, m);
        }
    }

    [Fact]
    public void Classify_HundredMinuteCompressedCampaignsOnHeldOutSeeds_MeetTheGoalOnEverySeed()
    {
        foreach (var seed in Seeds.Take(5))
        {
            var m = GeneratorMeasurement.Run(seed, maxEvents: 600_000);
            output.WriteLine(m.Table(seed));
            AssertTheGoal(seed, m);
        }
    }

    [Fact]
    public void Classify_TwentyFiveMinuteCompressedCampaignsOnHeldOutSeeds_MeetTheGoalPooled()
    {
        var runs = Seeds.Select(seed => (Seed: seed, Run: GeneratorMeasurement.Run(seed))).ToList();
        foreach (var (seed, m) in runs)
        {
            output.WriteLine(m.Table(seed));
        }

        foreach (var label in FakeLabels.All)
        {
            var all = runs.Sum(r => r.Run.ByLabel.GetValueOrDefault(label).All);
            var flagged = runs.Sum(r => r.Run.ByLabel.GetValueOrDefault(label).Flagged);
            output.WriteLine($"pooled {label}: {(double)flagged / all:P2}");
            Assert.True(flagged >= 0.90 * all, $"pooled {label} recall {(double)flagged / all:P2}");
        }

        var genuineFpr = (double)runs.Sum(r => r.Run.GenuineFlagged) / runs.Sum(r => r.Run.GenuineAll);
        output.WriteLine($"pooled genuine FPR {genuineFpr:P3}");
        Assert.True(genuineFpr <= 0.005, $"pooled genuine FPR {genuineFpr:P3}");
        Assert.All(runs, r => Assert.Empty(r.Run.GenuineAlerts()));
    }

    private static void AssertTheGoal(int seed, GeneratorMeasurement m)
    {
        foreach (var label in FakeLabels.All)
        {
            Assert.True(m.Recall(label) >= 0.90, $"seed {seed}: {label} recall {m.Recall(label):P1}");
        }

        Assert.True(m.GenuineFpr <= 0.005, $"seed {seed}: genuine FPR {m.GenuineFpr:P2}");
        Assert.True(m.Precision >= 0.985, $"seed {seed}: precision {m.Precision:P2}");
        Assert.Empty(m.GenuineAlerts());
        Assert.NotEmpty(m.Alerts);
    }
}
