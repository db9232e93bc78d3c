using System.Text.Json;
using CreatorStream.Kafka;
using CreatorStream.Processing.Forecasts;
using CreatorStream.Processing.Roster;
using CreatorStream.Processing.State;
using static CreatorStream.Testing.RosterScenario;

namespace CreatorStream.Integration.Tests;

/// <summary>
/// docs/design.md, "Roster" and "Forecasts": <see cref="Testing.RosterScenario"/> through the broker and both stages of
/// a worker; the roster, a creator's history and a forecast with extra spend read from the live store equal those read
/// from the replay's, byte for byte.
/// </summary>
public sealed class RosterLiveTests
{
    [Fact]
    public async Task Worker_RosterScenario_ItsStoreGivesTheRosterAndForecastAReplaysGives()
    {
        var (live, replay) = (new InMemoryStateStore(), new InMemoryStateStore());
        var (difference, _, _) = await ScenarioLiveRun.RunAsync(Events(Spring + (72 * Hour)), Topics.All, Catalog(), live, replay);
        Assert.True(difference is null, $"live and replay differ at {difference}");
        var acme = Catalog().Campaigns.Where(c => c.BrandId == "acme").ToList();

        var fromLive = await RosterReader.ReadAsync("acme", acme, live, CancellationToken.None);
        var fromReplay = await RosterReader.ReadAsync("acme", acme, replay, CancellationToken.None);
        var annaLive = await RosterReader.ReadCreatorAsync("acme", acme, "anna", live, CancellationToken.None);
        var annaReplay = await RosterReader.ReadCreatorAsync("acme", acme, "anna", replay, CancellationToken.None);

        Assert.Equal(JsonSerializer.Serialize(fromReplay), JsonSerializer.Serialize(fromLive));
        Assert.Equal(JsonSerializer.Serialize(annaReplay), JsonSerializer.Serialize(annaLive));
        Assert.Equal(["expand", "conclude", "renew"], fromLive.Creators.Select(c => c.Action));
        Assert.Equal(10.0, annaLive!.Overlap[0].Users.Estimate);

        var spring = Catalog().Campaigns.Single(c => c.CampaignId == "spring");
        var allocation = new Dictionary<string, double> { ["anna"] = 400, ["dan"] = 100 };
        var (forecastLive, refusedLive) = await ForecastReader.ReadAsync(live, spring, acme, Spring + (144 * Hour), allocation, CancellationToken.None);
        var (forecastReplay, _) = await ForecastReader.ReadAsync(replay, spring, acme, Spring + (144 * Hour), allocation, CancellationToken.None);
        Assert.Null(refusedLive);
        Assert.Equal(JsonSerializer.Serialize(forecastReplay), JsonSerializer.Serialize(forecastLive));
        Assert.Equal(14, forecastLive!.Creators.Single(c => c.CreatorId == "anna").Orders);
    }
}
