using CreatorStream.Core.Configuration;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Web;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.Replay;
using CreatorStream.Processing.State;
using CreatorStream.Testing;

namespace CreatorStream.Browser.Tests;

/// <summary>
/// The web role over a memory store holding <see cref="CommissionScenario"/> replayed to 30 h (anna's commission still
/// held, ben's mostly payable), with a viewer key and an approver key of campaign "spring" (docs/design.md, "Commissions"),
/// and anna's creator key, which reads only her own view (issue 23, docs/design.md "Creator keys").
/// </summary>
public sealed class CommissionWebFixture : IAsyncLifetime
{
    public const string ViewerKey = "statements-viewer";

    public const string ApproverKey = "statements-approver";

    public const string Approver = "Maria (finance)";

    public const string CreatorKey = "statements-creator-anna";

    private readonly InMemoryStateStore _store = new();
    private WebApplication? _app;

    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    public CampaignCatalog Catalog { get; } = CommissionScenario.Catalog();

    public async Task InitializeAsync()
    {
        using var file = new MemoryStream();
        foreach (var e in CommissionScenario.Events(CommissionScenario.T0 + (30 * CommissionScenario.Hour)))
        {
            file.Write(EventBuilder.Line(e));
            file.WriteByte((byte)'\n');
        }

        file.Position = 0;
        await new Replayer(Catalog, ProcessorOptions.Default, TimeProvider.System).RunAsync(file, null, CancellationToken.None, _store);
        var keys = new ApiKeyRing(
        [
            new ApiKeyEntry(ApiKeyRing.Hash(ViewerKey), new HashSet<string> { "spring" }, null),
            new ApiKeyEntry(ApiKeyRing.Hash(ApproverKey), new HashSet<string> { "spring" }, null, Approver, ApiKeyRoles.Approver),
            new ApiKeyEntry(ApiKeyRing.Hash(CreatorKey), new HashSet<string> { "spring" }, null, "Anna", Creator: "anna"),
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
