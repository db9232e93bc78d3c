using CreatorStream.Core.Simulation;
using Xunit.Abstractions;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// The acceptance measure of DESIGN.md section 5: the default classifier against the generator's labels, on 150 000
/// records at 100 events/s (about 25 minutes of event time) for two seeds. Floors are the goal of issue 4 (pods
/// and every other kind at 90 % recall or more, genuine FPR at most 0.5 %, precision at least 99 %); measured:
/// bot farms, bought likes and click floods 100 %, pods 91.5–91.7 %, precision 99.66–99.78 %, genuine FPR
/// 0.10–0.14 % (docs/benchmarks.md). Bot farms, bought likes and click floods keep their older, higher 95 % floor.
/// </summary>
public sealed class AuthenticityMeasurementTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void Classify_GeneratedTraffic_MeetsPrecisionRecallAndFalsePositiveFloors(int seed)
    {
        var m = Measurement.Run(seed);
        output.WriteLine(m.Table(seed));
        output.WriteLine("flagged events by label and reasons:");
        foreach (var (combo, count) in m.Combos.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {combo} {count}");
        }

        // The goal of issue 4: every kind caught at 90 % or more, fewer than 1 in 200 genuine engagements flagged.
        Assert.True(m.Precision >= 0.99, $"precision {m.Precision:P2}");
        Assert.True(m.GenuineFpr <= 0.005, $"genuine FPR {m.GenuineFpr:P2}");
        foreach (var label in new[] { FakeLabels.BotFarm, FakeLabels.BoughtLikes, FakeLabels.ClickFlood })
        {
            Assert.True(m.Recall(label) >= 0.95, $"{label} recall {m.Recall(label):P1}");
        }

        // Pods are real accounts: each member's first post (its first like above all) has nothing to give it away,
        // which caps pod recall near 92–93 % on a run this short; the rest is caught from the second post, or from the
        // first comment when it is generic praise straight after a like.
        Assert.True(m.Recall(FakeLabels.Pod) >= 0.90, $"pod recall {m.Recall(FakeLabels.Pod):P1}");
        Assert.NotEmpty(m.Alerts);
        Assert.All(m.Alerts, a => Assert.True((double)a.Details["share_suspicious"]! >= 0.2 && (int)a.Details["suspicious_engagements"]! >= 20));
    }
}
