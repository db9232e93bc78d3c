using CreatorStream.Host.Web;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using CreatorStream.Testing.Hub;

namespace CreatorStream.Host.Tests.Web.Security;

public sealed class KeyLoggingTests
{
    private const string Key = "k3y-that-must-never-be-logged";
    private const string WrongKey = "wr0ng-k3y-that-must-never-be-logged";

    [Fact]
    public async Task Logs_OfRequestsCarryingKeysInHeadersAndQueries_NeverContainAKey()
    {
        var logs = new CapturedLogs();
        var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
        await using (var app = await WebApp.StartAsync(
            new WebOptions { Urls = baseUrl }, new InMemoryStateStore(), TestCampaigns.Spring(), ApiKeyRing.ForAllCampaigns(Key), new InProcessChangeFeed(), CancellationToken.None,
            b =>
            {
                b.Logging.ClearProviders();
                b.Logging.SetMinimumLevel(LogLevel.Trace);
                b.Logging.AddProvider(logs);
            }))
        {
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
            await http.GetAsync($"/api/campaigns?access_token={Key}");
            await http.GetAsync($"/api/campaigns/spring/summary?access_token={WrongKey}");
            await http.GetAsync($"/?key={Key}"); // the link `run` prints
            await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/campaigns/nope/summary") { Headers = { { ApiKeys.Header, Key } } });
            await http.PostAsync($"{WebApp.HubPath}/negotiate?negotiateVersion=1&access_token={Key}", null);
            await using (var client = await TestHubClient.ConnectAsync(new Uri(baseUrl + WebApp.HubPath), Key))
            {
                await client.InvokeAsync("Join", "spring", null);
                await client.InvokeAsync("Join", "nope", null);
                await Eventually.ReturnsAsync(() => Task.FromResult(client.Errors.Count), n => n == 1, TimeSpan.FromSeconds(10), "the refused join");
            }

            await app.StopAsync();
        }

        Assert.Contains(logs.Entries, e => e.Contains("Now listening on", StringComparison.Ordinal)); // the capture works
        Assert.DoesNotContain(logs.Entries, e => e.Contains(Key, StringComparison.Ordinal) || e.Contains(WrongKey, StringComparison.Ordinal));
    }
}
