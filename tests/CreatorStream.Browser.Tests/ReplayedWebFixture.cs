using CreatorStream.Core.Configuration;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Web;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.Replay;
using CreatorStream.Processing.State;
using CreatorStream.Simulation;
using CreatorStream.Testing;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// The web role over a memory store that holds 40 generated minutes (seed 5, 60 events/s, fakes on, posts reported), replayed:
/// figures that stand still, so the page can be compared with the REST API figure by figure. The generator's log says
/// where it planted viral surges. <see cref="ApiKey"/> sees every campaign; <see cref="BrandKey"/> only brand
/// <see cref="Brand"/>'s. The web role can be stopped and started again on the same port (a lost connection).
/// </summary>
public sealed class ReplayedWebFixture : IAsyncLifetime
{
    public const string ApiKey = "replayed-all-campaigns";
    public const string BrandKey = "replayed-one-brand";
    public const string Brand = "nordlys";

    private const double EventsPerSecond = 60;

    private const long StartMs = 1_767_268_800_000; // 2026-01-01T12:00:00Z

    private readonly InMemoryStateStore _store = new();
    private readonly SimulationLog _log = new();
    private readonly TrafficGenerator _generator = new(new GeneratorOptions
    {
        Seed = 5,
        // A fixed start, so the records are the same on every run: the generator's audiences engage more in the evening
        // (its daily cycle is in event time) and which events share a minute decides the spike alerts, so a start taken
        // from the clock gave a campaign no spike alert that a planted surge explains on some runs (sessions 5 and 6).
        StartMs = StartMs,
        EventsPerSecond = EventsPerSecond,
        MaxEvents = (long)(EventsPerSecond * 60 * 40),
        PostReports = true, // draws nothing from the random stream: every other event is as it was, but for the last few
    });

    private WebApplication? _app;

    /// <summary>
    /// The generator's campaigns, the next of the first campaign's brand with a goal whose baseline is the first campaign
    /// (docs/design.md, "Goals"): 10 % more conversions than it credited. Only goals change; the events are the generator's.
    /// </summary>
    public ReplayedWebFixture()
    {
        var campaigns = _generator.Campaigns.Campaigns;
        var next = campaigns.FindIndex(1, c => c.BrandId == campaigns[0].BrandId);
        var goal = new CampaignGoal { Type = "sales", Target = new GoalTarget { Kpi = "conversions", IncreasePct = 10 }, BaselineCampaign = campaigns[0].CampaignId };
        Catalog = CampaignCatalog.From(new CampaignCatalogDocument { Campaigns = [.. campaigns.Select((c, i) => i == next ? c with { Goal = goal } : c)] });
        CampaignWithNamedBaseline = campaigns[next].CampaignId;
        BaselineCampaign = campaigns[0].CampaignId;
    }

    /// <summary>The campaign whose goal's baseline is another campaign (<see cref="BaselineCampaign"/>).</summary>
    public string CampaignWithNamedBaseline { get; }

    /// <summary>The campaign the goal of <see cref="CampaignWithNamedBaseline"/> takes its baseline from, of the same brand.</summary>
    public string BaselineCampaign { get; }

    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    public CampaignCatalog Catalog { get; }

    public IReadOnlyList<PlantedSurge> Surges => _log.Surges;

    public async Task InitializeAsync()
    {
        using var file = new MemoryStream();
        foreach (var record in _generator.Generate(_log))
        {
            file.Write(record.Value);
            file.WriteByte((byte)'\n');
        }

        file.Position = 0;
        await new Replayer(Catalog, ProcessorOptions.Default, TimeProvider.System).RunAsync(file, null, CancellationToken.None, _store);
        await StartAsync();
    }

    /// <summary>Starts the web role (again) on <see cref="BaseUrl"/>.</summary>
    public async Task StartAsync()
    {
        var keys = new ApiKeyRing(
        [
            new ApiKeyEntry(ApiKeyRing.Hash(ApiKey), Campaigns: null, Brands: null),
            new ApiKeyEntry(ApiKeyRing.Hash(BrandKey), Campaigns: null, Brands: new HashSet<string> { Brand }),
        ]);
        _app = await WebApp.StartAsync(new WebOptions { Urls = BaseUrl }, _store, Catalog, keys, new InProcessChangeFeed(), CancellationToken.None, b => b.Logging.ClearProviders());
    }

    /// <summary>Stops the web role: every connection to it closes.</summary>
    public async Task StopAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    public Task DisposeAsync() => StopAsync();
}
