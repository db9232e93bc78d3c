using System.Net;
using System.Text.Json;
using CreatorStream.Host.Web;
using CreatorStream.Testing;
using CreatorStream.Testing.Hub;

namespace CreatorStream.Host.Tests.Web.Security;

public sealed class RateLimitTests(LimitsFixture web) : IClassFixture<LimitsFixture>
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(web.BaseUrl) };

    [Fact]
    public async Task Api_OverTheBurst_Is429WithRetryAfterAndAReason()
    {
        var responses = await SendManyAsync(10, () => Get("/api/campaigns", LimitsFixture.Key("rest")));

        Assert.Equal(LimitsFixture.Burst, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(10 - LimitsFixture.Burst, refused.Count);
        Assert.True(refused[0].Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {refused[0].Headers.RetryAfter}");
        var body = JsonDocument.Parse(await refused[0].Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("too_many_requests", body.GetProperty("error").GetString());
        Assert.Contains("--rate-limit", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_AnotherKeysBudget_IsItsOwn()
    {
        var spent = await SendManyAsync(LimitsFixture.Burst + 1, () => Get("/api/campaigns", LimitsFixture.Key("other-a")));
        var responses = await SendManyAsync(LimitsFixture.Burst, () => Get("/api/campaigns", LimitsFixture.Key("other-b")));

        Assert.Equal(HttpStatusCode.TooManyRequests, spent[^1].StatusCode);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
    }

    [Fact]
    public async Task Api_UnknownKeys_CountAgainstTheAddressSoMadeUpKeysDoNotEscapeTheLimit()
    {
        var fresh = 0;
        var responses = await SendManyAsync(10, () => Get("/api/campaigns", $"made-up-{fresh++}"));

        // Each made-up key is refused (401) while the address has tokens; then the address is out of them.
        Assert.Equal(
            [.. Enumerable.Repeat(HttpStatusCode.Unauthorized, LimitsFixture.Burst), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 10 - LimitsFixture.Burst)],
            responses.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task HubNegotiate_OverTheBurst_Is429()
    {
        var responses = await SendManyAsync(5, () => Negotiate(LimitsFixture.Key("negotiate")));

        // The fixture's bucket gets one token back an hour, so however slow the machine, the burst passes and the rest is refused.
        Assert.Equal(
            [.. Enumerable.Repeat(HttpStatusCode.OK, LimitsFixture.Burst), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, 5 - LimitsFixture.Burst)],
            responses.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task HubJoin_OverTheLimit_FailsWithTooManyRequests()
    {
        await using var client = await TestHubClient.ConnectAsync(new Uri(web.BaseUrl + WebApp.HubPath), LimitsFixture.Key("join"));

        // Negotiate and connect took two of the three tokens: one Join goes through, the next is refused.
        await client.InvokeAsync("Join", "spring", null);
        await client.InvokeAsync("Join", "spring", "1h");

        var error = (await Eventually.ReturnsAsync(() => Task.FromResult(client.Errors), e => e.Count > 0, TimeSpan.FromSeconds(10), "the refused join")).Single();
        Assert.True(error.Contains("HubException: too many requests", StringComparison.Ordinal), error);
        Assert.Single(client.Messages, m => m.Target == "snapshot"); // messages arrive in order: the first Join's snapshot came before the refusal
    }

    private static HttpRequestMessage Get(string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ApiKeys.Header, key);
        return request;
    }

    private static HttpRequestMessage Negotiate(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, WebApp.HubPath + "/negotiate?negotiateVersion=1");
        request.Headers.Add(ApiKeys.Header, key);
        return request;
    }

    // One after another, so the order of answers is the order of requests.
    private async Task<List<HttpResponseMessage>> SendManyAsync(int count, Func<HttpRequestMessage> request)
    {
        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < count; i++)
        {
            responses.Add(await _http.SendAsync(request()));
        }

        return responses;
    }
}
