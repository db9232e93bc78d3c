using System.Net;
using CreatorStream.Host.Web;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using CreatorStream.Testing;

namespace CreatorStream.Host.Tests.Web;

/// <summary>
/// Issue 25, item 4: an executable built without its dashboard answers <c>/</c> with a page naming the command that
/// builds it, not a 404.
/// </summary>
public sealed class DashboardMissingTests : IAsyncLifetime
{
    private readonly TempDirectory _emptyWebRoot = new("creatorstream-no-dashboard-");
    private readonly string _baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        var options = new WebOptions { Urls = _baseUrl, WebRoot = _emptyWebRoot.Path };
        _app = await WebApp.StartAsync(options, new InMemoryStateStore(), TestCampaigns.Spring(), new ApiKeyRing([]), new InProcessChangeFeed(), CancellationToken.None, b => b.Logging.ClearProviders());
    }

    [Fact]
    public async Task Root_WithoutABuiltDashboard_ServesAPageNamingTheBuildCommand()
    {
        using var http = new HttpClient { BaseAddress = new Uri(_baseUrl) };

        var response = await http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<code>dotnet build src/CreatorStream.Host</code>", page);
        Assert.Contains("<code>cd dashboard &amp;&amp; npm ci &amp;&amp; npm run build</code>", page);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_app is not null)
            {
                await _app.StopAsync();
                await _app.DisposeAsync();
            }
        }
        finally
        {
            _emptyWebRoot.Dispose();
        }
    }
}
