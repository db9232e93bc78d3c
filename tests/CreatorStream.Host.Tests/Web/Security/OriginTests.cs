using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using CreatorStream.Host.Web;

namespace CreatorStream.Host.Tests.Web.Security;

/// <summary>The origin check and CORS with one configured origin (https://allowed.example).</summary>
public sealed class OriginTests(TwoBrandsFixture web) : IClassFixture<TwoBrandsFixture>
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(web.BaseUrl) };

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://allowed.example.evil.example")]
    [InlineData("http://allowed.example")] // the scheme is part of the origin
    [InlineData("https://allowed.example:8443")] // and so is the port
    [InlineData("null")] // a sandboxed frame or a file
    [InlineData("not a url")]
    public async Task Api_FromAForeignOrigin_Is403WithAReason(string origin)
    {
        var response = await SendAsync(HttpMethod.Get, "/api/campaigns", origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("forbidden", body.GetProperty("error").GetString());
        Assert.Contains("--allowed-origins", body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Api_FromTheAllowedOrigin_AnswersWithCorsHeadersForIt()
    {
        var response = await SendAsync(HttpMethod.Get, "/api/campaigns", TwoBrandsFixture.AllowedOrigin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TwoBrandsFixture.AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Api_PreflightFromTheAllowedOrigin_AllowsTheKeyHeader()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/campaigns/spring/summary");
        request.Headers.Add("Origin", TwoBrandsFixture.AllowedOrigin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "x-api-key");

        var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(TwoBrandsFixture.AllowedOrigin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("x-api-key", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Api_FromTheSameOriginOrWithoutOne_Answers()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/campaigns", web.BaseUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/api/campaigns", null)).StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData(TwoBrandsFixture.AllowedOrigin, HttpStatusCode.OK)]
    [InlineData(null, HttpStatusCode.OK)]
    public async Task HubNegotiate_ByOrigin_IsRefusedUnlessSameOrAllowed(string? origin, HttpStatusCode expected)
    {
        var response = await SendAsync(HttpMethod.Post, WebApp.HubPath + "/negotiate?negotiateVersion=1", origin);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task HubNegotiate_FromTheSameOrigin_Answers()
    {
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Post, WebApp.HubPath + "/negotiate?negotiateVersion=1", web.BaseUrl)).StatusCode);
    }

    [Fact]
    public async Task HubWebSocket_FromAForeignOrigin_IsRefusedBeforeTheUpgrade()
    {
        // Browsers apply no CORS to WebSockets: without this check any site could open the hub with a key it holds.
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Origin", "https://evil.example");
        socket.Options.CollectHttpResponseDetails = true;
        var ws = new Uri($"{web.BaseUrl.Replace("http://", "ws://", StringComparison.Ordinal)}{WebApp.HubPath}?access_token={TwoBrandsFixture.BrandAKey}");

        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(ws, CancellationToken.None));
        Assert.Equal(HttpStatusCode.Forbidden, socket.HttpStatusCode);
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? origin)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(ApiKeys.Header, TwoBrandsFixture.BrandAKey);
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }

        return _http.SendAsync(request);
    }
}
