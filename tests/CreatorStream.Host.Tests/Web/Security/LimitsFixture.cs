using CreatorStream.Host.Web;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using CreatorStream.Testing;

namespace CreatorStream.Host.Tests.Web.Security;

/// <summary>
/// The web role with default options except a burst of <see cref="Burst"/> and one token back an
/// hour, so a test counts refusals exactly, never racing a refill. Each test spends its own key's bucket
/// (<see cref="Key"/>); only one test spends the bucket of the loopback address.
/// </summary>
public sealed class LimitsFixture : IAsyncLifetime
{
    public const int Burst = 3;

    private WebApplication? _app;

    public string BaseUrl { get; } = $"http://127.0.0.1:{FreePort.Next()}";

    /// <summary>An all-campaign key with a bucket of its own: one per test.</summary>
    public static string Key(string test) => "limits-key-" + test;

    public async Task InitializeAsync()
    {
        string[] tests = ["rest", "negotiate", "join", "other-a", "other-b", "body", "hub-body", "hub-message", "headers", "no-cors", "no-cors-same"];
        var keys = new ApiKeyRing([.. tests.Select(t => new ApiKeyEntry(ApiKeyRing.Hash(Key(t)), Campaigns: null, Brands: null))]);
        var options = new WebOptions { Urls = BaseUrl, RateLimitBurst = Burst, RateLimitPerSecond = 1, RateLimitReplenishment = TimeSpan.FromHours(1) };
        _app = await WebApp.StartAsync(options, new InMemoryStateStore(), TestCampaigns.Spring(), keys, new InProcessChangeFeed(), CancellationToken.None, b => b.Logging.ClearProviders());
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
