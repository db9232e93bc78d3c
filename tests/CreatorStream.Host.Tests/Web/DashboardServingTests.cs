using System.Net;
using CreatorStream.Host.Web;

namespace CreatorStream.Host.Tests.Web;

/// <summary>Issue 26, item 9: answers compressed, hashed assets cached for good, the page itself revalidated.</summary>
public sealed class DashboardServingTests(WebFixture web) : IClassFixture<WebFixture>
{
    private readonly HttpClient _http = new(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = new Uri(web.BaseUrl) };

    [Fact]
    public async Task IndexHtml_IsRevalidatedOnEveryLoad()
    {
        var response = await _http.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task HashedAssets_AreImmutableForAYear_AndCompressed()
    {
        var html = await (await _http.GetAsync("/")).Content.ReadAsStringAsync();
        var script = System.Text.RegularExpressions.Regex.Match(html, "assets/[A-Za-z0-9_-]+\\.js").Value;
        Assert.NotEmpty(script);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/" + script);
        request.Headers.AcceptEncoding.ParseAdd("br");

        var response = await _http.SendAsync(request);

        Assert.Equal(DashboardServing.ImmutableCacheControl, response.Headers.CacheControl?.ToString());
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async Task ApiAnswers_AreCompressedWhenAsked_AndDecompressToTheSameJson(string encoding)
    {
        var plain = await SendAsync("/api/campaigns/spring/summary", null);
        var compressed = await SendAsync("/api/campaigns/spring/summary", encoding);

        Assert.Equal([encoding], compressed.Content.Headers.ContentEncoding);
        var bytes = await compressed.Content.ReadAsByteArrayAsync();
        using var input = new MemoryStream(bytes);
        using Stream decoder = encoding == "br"
            ? new System.IO.Compression.BrotliStream(input, System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(input, System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(decoder);
        var json = await reader.ReadToEndAsync();
        var original = await plain.Content.ReadAsStringAsync();

        // generated_at is the read time: equal apart from it.
        static string WithoutTime(string s) => System.Text.RegularExpressions.Regex.Replace(s, "\"generated_at\":\\d+", "");
        Assert.Equal(WithoutTime(original), WithoutTime(json));
        Assert.True(bytes.Length < original.Length, $"{bytes.Length} compressed bytes vs {original.Length}");
    }

    private Task<HttpResponseMessage> SendAsync(string path, string? encoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ApiKeys.Header, WebFixture.AllKey);
        if (encoding is not null)
        {
            request.Headers.AcceptEncoding.ParseAdd(encoding);
        }

        return _http.SendAsync(request);
    }
}
