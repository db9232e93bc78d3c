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
/// The web role over a memory store that holds a replayed brand with a planted halo, a creator's code leaked to a
/// coupon site and a country holdout (<see cref="EstimatesScenario"/>, seed 31): estimates that stand still, so the
/// estimates panel can be compared with <c>GET …/estimates</c> figure by figure (docs/design.md, "Estimates").
/// </summary>
public sealed class EstimatesWebFixture : IAsyncLifetime
{
    public const string ApiKey = "estimates-all-campaigns";

    private readonly EstimatesScenario _scenario = new(31, leak: LeakFamily.CouponSite);
    private readonly InMemoryStateStore _store = new();
    private WebApplication? _app;

    public EstimatesWebFixture() => Catalog = _scenario.Catalog();

    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    public CampaignCatalog Catalog { get; }

    public async Task InitializeAsync()
    {
        using var file = new MemoryStream();
        foreach (var e in _scenario.Generate().Events)
        {
            file.Write(EventBuilder.Line(e));
            file.WriteByte((byte)'\n');
        }

        file.Position = 0;
        await new Replayer(Catalog, ProcessorOptions.Default, TimeProvider.System).RunAsync(file, null, CancellationToken.None, _store);
        var keys = new ApiKeyRing([new ApiKeyEntry(ApiKeyRing.Hash(ApiKey), Campaigns: null, Brands: null)]);
        _app = await WebApp.StartAsync(new WebOptions { Urls = BaseUrl }, _store, Catalog, keys, new InProcessChangeFeed(), CancellationToken.None, b => b.Logging.ClearProviders());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
