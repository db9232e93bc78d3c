using CreatorStream.Core.Configuration;
using CreatorStream.Core.State;
using CreatorStream.Host.Web;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Testing;

namespace CreatorStream.Host.Tests.Web;

/// <summary>
/// The web role on a free loopback port over a given store, catalog and keys, for the REST tests: started once per
/// test class, stopped (and its client disposed) when disposed.
/// </summary>
internal sealed class WebTestHost : IAsyncDisposable
{
    private WebTestHost(WebApplication app, string baseUrl)
    {
        (App, BaseUrl) = (app, baseUrl);
        Http = new HttpClient { BaseAddress = new Uri(baseUrl) };
    }

    public WebApplication App { get; }

    public string BaseUrl { get; }

    /// <summary>A client of the host, with no key unless a test adds one to its default headers.</summary>
    public HttpClient Http { get; }

    public static async Task<WebTestHost> StartAsync(IStateStore store, CampaignCatalog catalog, ApiKeyRing keys)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        var app = await WebApp.StartAsync(new WebOptions { Urls = baseUrl }, store, catalog, keys, new InProcessChangeFeed(), CancellationToken.None, b => b.Logging.ClearProviders());
        return new WebTestHost(app, baseUrl);
    }

    /// <summary>A request with <paramref name="key"/> in the key header (none when null) and an optional body.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (key is not null)
        {
            request.Headers.Add(ApiKeys.Header, key);
        }

        return await Http.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
