using CreatorStream.Core.Configuration;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Web;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.Replay;
using CreatorStream.Processing.State;
using CreatorStream.Testing;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// The web role over a memory store holding <see cref="RosterScenario"/> replayed to 72 hours into "spring" (anna 14
/// orders of 150, ben and dan 2 each; the goal names no end and no budget) after "winter": the forecast panel
/// (docs/design.md, "Forecasts") with a key of spring alone, and the roster panel ("Roster") with a key of the brand,
/// against figures worked by hand in the REST tests.
/// </summary>
public class RosterWebFixture : IAsyncLifetime
{
    /// <summary>Reads campaign "spring" only.</summary>
    public const string SpringKey = "forecast-spring";

    /// <summary>Reads every campaign of brand "acme" (winter and spring).</summary>
    public const string BrandKey = "roster-acme";

    private readonly InMemoryStateStore _store = new();
    private readonly long _newest;
    private WebApplication? _app;

    public RosterWebFixture()
        : this(RosterScenario.Spring + (72 * RosterScenario.Hour))
    {
    }

    /// <param name="newest">The scenario's newest event: how far into spring the store holds.</param>
    protected RosterWebFixture(long newest) => _newest = newest;

    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    public CampaignCatalog Catalog { get; } = RosterScenario.Catalog();

    public async Task InitializeAsync()
    {
        using var file = new MemoryStream();
        foreach (var e in RosterScenario.Events(_newest))
        {
            file.Write(EventBuilder.Line(e));
            file.WriteByte((byte)'\n');
        }

        file.Position = 0;
        await new Replayer(Catalog, ProcessorOptions.Default, TimeProvider.System).RunAsync(file, null, CancellationToken.None, _store);
        var keys = new ApiKeyRing(
        [
            new ApiKeyEntry(ApiKeyRing.Hash(SpringKey), new HashSet<string> { "spring" }, null),
            new ApiKeyEntry(ApiKeyRing.Hash(BrandKey), null, new HashSet<string> { "acme" }),
        ]);
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

/// <summary>
/// <see cref="RosterWebFixture"/> in spring's first day (its figures reach about 14 hours): too early for spring's own
/// pace, so its forecast stands on winter (docs/design.md, "Forecasts", before a day of figures).
/// </summary>
public sealed class FirstDayWebFixture : RosterWebFixture
{
    public FirstDayWebFixture()
        : base(RosterScenario.Spring + (12 * RosterScenario.Hour))
    {
    }
}
