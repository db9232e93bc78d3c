using System.Net;
using CreatorStream.Host.Web;

namespace CreatorStream.Host.Tests.Web.Security;

/// <summary>With no --allowed-origins: the dashboard's own origin and non-browser clients only, and no CORS at all.</summary>
public sealed class DefaultOriginTests(LimitsFixture web) : IClassFixture<LimitsFixture>
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(web.BaseUrl) };

    [Theory]
    [InlineData("GET", "https://a.example", HttpStatusCode.Forbidden)]
    [InlineData("OPTIONS", "https://a.example", HttpStatusCode.Forbidden)]
    [InlineData("GET", null, HttpStatusCode.OK)]
    public async Task Api_ByOrigin_IsRefusedUnlessSameOriginAndNeverSendsCorsHeaders(string method, string? origin, HttpStatusCode expected)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), "/api/campaigns");
        request.Headers.Add(ApiKeys.Header, LimitsFixture.Key("no-cors"));
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
            request.Headers.Add("Access-Control-Request-Method", "GET");
        }

        var response = await _http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Api_FromTheSameOrigin_Answers()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/campaigns");
        request.Headers.Add(ApiKeys.Header, LimitsFixture.Key("no-cors-same"));
        request.Headers.Add("Origin", web.BaseUrl);

        Assert.Equal(HttpStatusCode.OK, (await _http.SendAsync(request)).StatusCode);
    }
}
