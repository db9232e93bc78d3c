using CreatorStream.Kafka;
using CreatorStream.Simulation;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// docs/design.md, "Estimates": a brand with a planted halo, a leaking code and a country holdout, through the broker and
/// both stages of a worker; the store's estimates (halo, code leaks and their alert, incrementality) equal the replay
/// report's.
/// </summary>
public sealed class EstimatesLiveTests
{
    [Fact]
    public async Task Worker_PlantedHaloLeakAndHoldout_StoresTheEstimatesTheReplayReportHas()
    {
        var scenario = new EstimatesScenario(31, leak: LeakFamily.CouponSite);
        var catalog = scenario.Catalog();
        var (events, _) = scenario.Generate();

        var (difference, replay, _) = await ScenarioLiveRun.RunAsync(events, Topics.All, catalog);

        Assert.True(difference is null, $"live and replay differ at {difference}");
        var estimates = replay["campaigns"]![EstimatesScenario.CampaignId]!["estimates"]!;
        Assert.Equal("estimated", estimates["halo"]!["status"]!.GetValue<string>());
        Assert.Equal("estimated", estimates["incrementality"]!["status"]!.GetValue<string>());
        Assert.Contains(estimates["code_leaks"]!.AsArray(), l => l!["creator_id"]!.GetValue<string>() == "ben" && l["alerted"]!.GetValue<bool>());
    }
}
