using System.Net;
using System.Text.Json;
using CreatorStream.Host.Web;
using CreatorStream.Testing;
using CreatorStream.Testing.Hub;

namespace CreatorStream.Host.Tests.Web.Security;

/// <summary>Default size limits: 64 KiB request bodies, 32 KiB of headers, 32 KiB hub messages.</summary>
public sealed class SizeLimitTests(LimitsFixture web) : IClassFixture<LimitsFixture>
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(web.BaseUrl) };

    [Theory]
    [InlineData("/api/campaigns", "body")]
    [InlineData(WebApp.HubPath + "/negotiate?negotiateVersion=1", "hub-body")]
    public async Task Post_WithABodyOverTheLimit_Is413WithAReason(string path, string test)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(new byte[(64 * 1024) + 1]) };
        request.Headers.Add(ApiKeys.Header, LimitsFixture.Key(test));

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("payload_too_large", body.GetProperty("error").GetString());
        Assert.Contains("65536 bytes (--max-request-body)", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_WithHeadersOverTheLimit_Is431()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/campaigns");
        request.Headers.Add(ApiKeys.Header, LimitsFixture.Key("headers"));
        request.Headers.Add("X-Padding", new string('p', 33 * 1024));

        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, (await _http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task HubMessage_OverTheLimit_ClosesTheConnection()
    {
        await using var client = await TestHubClient.ConnectAsync(new Uri(web.BaseUrl + WebApp.HubPath), LimitsFixture.Key("hub-message"));

        await client.InvokeAsync("Join", new string('s', 40 * 1024));

        var errors = await Eventually.ReturnsAsync(() => Task.FromResult(client.Errors), e => e.Count > 0, TimeSpan.FromSeconds(10), "the server closing the connection");
        Assert.StartsWith("server closed the connection", Assert.Single(errors), StringComparison.Ordinal);
    }
}
