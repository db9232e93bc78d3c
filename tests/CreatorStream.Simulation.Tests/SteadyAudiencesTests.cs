using CreatorStream.Core.Events;

namespace CreatorStream.Simulation.Tests;

/// <summary>
/// Issue 25, item 6: <c>creatorstream run</c>'s traffic looks like a running campaign for as long as it runs. Checked in
/// generated (event) time over the demo's first half hour: no campaign's engagements per minute fall below half of its
/// typical (median) minute, and the median of its last ten minutes is at least half that of its first ten (no decay).
/// Medians, not means or the first minutes: viral surges are spikes on purpose, and one may open the run. Genuine
/// engagements only: planted fakes come in bursts on top, by design.
/// </summary>
public sealed class SteadyAudiencesTests
{
    private const int Minutes = 30;
    private const long StartMs = 1_767_225_600_000; // 2026-01-01 00:00 UTC

    /// <summary>What <c>run</c> generates by default (50 events/s, no end), from <paramref name="seed"/>.</summary>
    private static GeneratorOptions Demo(int seed, bool steady) =>
        new() { Seed = seed, StartMs = StartMs, EventsPerSecond = 50, MaxEvents = long.MaxValue, SteadyAudiences = steady };

    [Theory]
    [InlineData(42)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Generate_SteadyAudiences_NoCampaignFadesOrDips(int seed)
    {
        foreach (var (campaign, perMinute) in GenuineEngagementsPerMinute(Demo(seed, steady: true)))
        {
            var figures = $"{campaign}, median {Median(perMinute)}: {string.Join(" ", perMinute)}";

            Assert.True(perMinute.All(count => count >= Median(perMinute) / 2), figures);
            Assert.True(Median(perMinute[^10..]) >= Median(perMinute[..10]) / 2, figures);
        }
    }

    [Fact]
    public void Generate_PostsCompetingAcrossCreators_LetACampaignDipBelowHalf()
    {
        // The default, which replays and measurements keep: a campaign whose creators' posts are older than other
        // campaigns' loses its sessions to them (so with seeds 1 to 5; 42 happens to stay above half). This is what the
        // steady audiences above prevent.
        var perCampaign = GenuineEngagementsPerMinute(Demo(1, steady: false)).Values;

        Assert.Contains(perCampaign, perMinute => perMinute.Any(count => count < Median(perMinute) / 2));
    }

    private static double Median(int[] counts)
    {
        var sorted = counts.Order().ToArray();
        return (sorted[(sorted.Length - 1) / 2] + sorted[sorted.Length / 2]) / 2.0;
    }

    private static Dictionary<string, int[]> GenuineEngagementsPerMinute(GeneratorOptions options)
    {
        var counts = new Dictionary<string, int[]>();
        foreach (var record in new TrafficGenerator(options).Generate())
        {
            // Records leave in arrival order, at most OutOfOrderMs (2 s) behind: once one is 10 s past the half hour, none
            // still to come falls inside it.
            if (record.Event is { } e && e.Ts >= StartMs + (Minutes * 60_000) + 10_000)
            {
                break;
            }

            if (record is { Kind: RecordKind.Genuine, FakeLabel: null, Event: Engagement engagement } && engagement.Ts < StartMs + (Minutes * 60_000))
            {
                if (!counts.TryGetValue(engagement.CampaignId, out var perMinute))
                {
                    counts[engagement.CampaignId] = perMinute = new int[Minutes];
                }

                perMinute[(engagement.Ts - StartMs) / 60_000]++;
            }
        }

        return counts;
    }
}
