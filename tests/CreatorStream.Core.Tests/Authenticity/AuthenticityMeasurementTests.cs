using CreatorStream.Core.Simulation;
using Xunit.Abstractions;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// The acceptance measure of DESIGN.md section 5: the default classifier against the generator's labels, on 150 000
/// records at 100 events/s (about 25 minutes of event time) for seeds 1 to 10, whose genuine comments include generic
/// praise. The goal of issue 4 is asserted over the ten seeds pooled (pod recall 90.4 % measured, genuine FPR 0.38 %);
/// each seed alone is held to floors below the goal where the goal is not met (pod recall 88.1–92.0 %, genuine FPR
/// 0.23–0.51 %, docs/benchmarks.md says why). About 15 s on two cores.
/// </summary>
public sealed class AuthenticityMeasurementTests(ITestOutputHelper output)
{
    private static readonly int[] Seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Fact]
    public void Classify_GeneratedTrafficOnTenSeeds_MeetsTheGoalPooledAndFloorsOnEachSeed()
    {
        var runs = Seeds.Select(seed => (Seed: seed, Run: Measurement.Run(seed))).ToList();
        foreach (var (seed, m) in runs)
        {
            output.WriteLine(m.Table(seed));
            foreach (var (combo, count) in m.Combos.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"    {combo} {count}");
            }
        }

        // The goal of issue 4 on the default mix, pooled: pods caught at 90 % or more, fewer than 1 in 200 genuine
        // engagements flagged.
        var pods = runs.Select(r => r.Run.ByLabel[FakeLabels.Pod]).ToList();
        var podRecall = (double)pods.Sum(p => p.Flagged) / pods.Sum(p => p.All);
        var genuineFpr = (double)runs.Sum(r => r.Run.GenuineFlagged) / runs.Sum(r => r.Run.GenuineAll);
        output.WriteLine($"pooled: pod recall {podRecall:P2}, genuine FPR {genuineFpr:P3}");
        Assert.True(podRecall >= 0.90, $"pooled pod recall {podRecall:P2}");
        Assert.True(genuineFpr <= 0.005, $"pooled genuine FPR {genuineFpr:P3}");

        foreach (var (seed, m) in runs)
        {
            foreach (var label in new[] { FakeLabels.BotFarm, FakeLabels.BoughtLikes, FakeLabels.ClickFlood })
            {
                Assert.True(m.Recall(label) >= 0.95, $"seed {seed}: {label} recall {m.Recall(label):P1}");
            }

            // Below the goal on some seeds, measured: a member's first like has nothing to give it away (6.5–8.5 % of
            // pod events), and pods on popular creators' posts hide in their fans until a member praises (seeds 2, 4
            // and 5: 88.1–89.2 %); the first praiser on a post costs real fans who praise too (seed 6: 0.51 %).
            Assert.True(m.Recall(FakeLabels.Pod) >= 0.875, $"seed {seed}: pod recall {m.Recall(FakeLabels.Pod):P1}");
            Assert.True(m.GenuineFpr <= 0.0055, $"seed {seed}: genuine FPR {m.GenuineFpr:P2}");
            Assert.True(m.Precision >= 0.985, $"seed {seed}: precision {m.Precision:P2}");

            // No incident that genuine engagement made, on a viral surge or anywhere else.
            Assert.Empty(m.GenuineAlerts());
            Assert.NotEmpty(m.Alerts);
            Assert.All(m.Alerts, a => Assert.True((double)a.Details["share_suspicious"]! >= 0.2 && (int)a.Details["suspicious_engagements"]! >= 20));
        }
    }
}
