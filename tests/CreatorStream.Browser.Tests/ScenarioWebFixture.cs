using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using CreatorStream.Host.Web;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using CreatorStream.Testing;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// The web role on a free loopback port over a memory store that replayed a scenario's events, with the scenario's keys:
/// figures that stand still, so a panel can be compared with the REST API figure by figure. Subclasses name the events
/// and the keys; the store and the web role live as long as the fixture.
/// </summary>
public abstract class ScenarioWebFixture(CampaignCatalog catalog) : IAsyncLifetime
{
    private readonly InMemoryStateStore _store = new();
    private WebApplication? _app;

    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    public CampaignCatalog Catalog { get; } = catalog;

    public async Task InitializeAsync()
    {
        await ScenarioReplay.RunAsync(Catalog, Events(), _store);
        _app = await WebApp.StartAsync(new WebOptions { Urls = BaseUrl }, _store, Catalog, new ApiKeyRing(Keys()), new InProcessChangeFeed(), CancellationToken.None, b => b.Logging.ClearProviders());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>The events replayed into the store, in the order a file would hold them.</summary>
    protected abstract IEnumerable<StreamEvent> Events();

    /// <summary>The keys the web role accepts (by their hashes).</summary>
    protected abstract IReadOnlyList<ApiKeyEntry> Keys();
}
