using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CreatorStream.Host.Web;

namespace CreatorStream.Host.Tests.Web;

/// <summary>Issue 26, item 10: the dashboard trades its key for a short-lived token, and only the token goes into a URL.</summary>
public sealed class HubTokenApiTests(WebFixture web) : IClassFixture<WebFixture>
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(web.BaseUrl) };

    [Fact]
    public async Task HubToken_ForAKey_OpensTheHubWhereTheKeyItselfInTheUrlDoesNot()
    {
        var token = await TokenAsync(WebFixture.AllKey);

        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync($"&access_token={Uri.EscapeDataString(token)}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await NegotiateAsync("", bearer: token)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await NegotiateAsync($"&access_token={WebFixture.AllKey}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await NegotiateAsync("", bearer: WebFixture.AllKey)).StatusCode);
    }

    [Fact]
    public async Task HubToken_IsNotAKeyForRest()
    {
        var token = await TokenAsync(WebFixture.AllKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/campaigns/spring/summary");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("guess", HttpStatusCode.Unauthorized)]
    public async Task HubToken_WithoutAValidKey_IsRefused(string? key, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/hub-token");
        if (key is not null)
        {
            request.Headers.Add(ApiKeys.Header, key);
        }

        var response = await _http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.DoesNotContain("token\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HubToken_Answer_IsNeitherCachedNorCompressed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/hub-token");
        request.Headers.Add(ApiKeys.Header, WebFixture.AllKey);
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");

        var response = await _http.SendAsync(request);

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    private async Task<string> TokenAsync(string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/hub-token");
        request.Headers.Add(ApiKeys.Header, key);
        var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("token").GetString()!;
    }

    private Task<HttpResponseMessage> NegotiateAsync(string query, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{WebApp.HubPath}/negotiate?negotiateVersion=1{query}");
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return _http.SendAsync(request);
    }
}
