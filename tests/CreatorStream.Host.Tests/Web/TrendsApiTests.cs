using System.Net;
using System.Text.Json;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Web;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Host.Tests.Web;

/// <summary>
/// <c>/trends</c> and <c>/trends/compare</c> over hand-made state (docs/design.md, "Trends"): on day one anna's post is
/// seen 10 times in hour 0 and clicked twice; on day two seen 10 times in hour 25 and clicked once; the newest event is an
/// impression 10 minutes into hour 48.
/// </summary>
public sealed class TrendsApiTests : IAsyncLifetime
{
    private const long Hour = 3_600_000;
    private const string Key = "trends-key";
    private readonly string _baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
    private WebApplication? _app;

    public async Task InitializeAsync()
    {
        var store = new InMemoryStateStore();
        var processor = new StreamProcessor(TestCampaigns.Spring(), ProcessorOptions.Default);
        var events = new List<Core.Events.StreamEvent>();
        for (var i = 0; i < 10; i++)
        {
            events.Add(Impression($"p{i}", T0 + (i * 1_000), id: $"day1-{i}"));
            events.Add(Impression($"c{i}", T0 + (25 * Hour) + (i * 1_000), id: $"day2-{i}"));
        }

        events.Add(Click("p0", T0 + 30_000, id: "click-1"));
        events.Add(Click("p1", T0 + 31_000, id: "click-2"));
        events.Add(Click("c0", T0 + (25 * Hour) + 30_000, id: "click-3"));
        events.Add(Impression("last", T0 + (48 * Hour) + 600_000, id: "newest"));
        var records = events.OrderBy(e => e.Ts).Select((e, i) => Record(e, i)).ToArray(); // in time order: none is late
        await store.CommitAsync(processor.Process(Batch(1_000, records)).Delta, CancellationToken.None);
        var keys = new ApiKeyRing([new ApiKeyEntry(ApiKeyRing.Hash(Key), null, null)]);
        _app = await WebApp.StartAsync(new WebOptions { Urls = _baseUrl }, store, TestCampaigns.Spring(), keys, new InProcessChangeFeed(), CancellationToken.None, b => b.Logging.ClearProviders());
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Trends_Hourly_ListsTheHoursWithEventsAndTheirRates()
    {
        var body = await GetAsync("/api/campaigns/spring/trends");

        Assert.Equal(("hour", T0 + (48 * Hour) + 600_000), (body.GetProperty("granularity").GetString(), body.GetProperty("as_of").GetInt64()));
        var periods = body.GetProperty("periods").EnumerateArray().Select(p =>
            (p.GetProperty("start").GetInt64(), p.GetProperty("impressions").GetInt64(), p.GetProperty("clicks").GetInt64(), p.GetProperty("authentic_clicks").GetInt64(), p.GetProperty("ctr").GetDouble())).ToList();
        Assert.Equal([(T0, 10, 2, 2, 0.2), (T0 + (25 * Hour), 10, 1, 1, 0.1), (T0 + (48 * Hour), 1, 0, 0, 0.0)], periods);
        Assert.Empty(body.GetProperty("drops").EnumerateArray());
    }

    [Fact]
    public async Task Trends_DailyForACreator_SumsEachDay()
    {
        var body = await GetAsync("/api/campaigns/spring/trends?granularity=day&creator=anna");

        Assert.Equal("anna", body.GetProperty("creator_id").GetString());
        var days = body.GetProperty("periods").EnumerateArray().Select(p => (p.GetProperty("start").GetInt64(), p.GetProperty("end").GetInt64(), p.GetProperty("impressions").GetInt64(), p.GetProperty("clicks").GetInt64())).ToList();
        Assert.Equal([(T0, T0 + (24 * Hour), 10, 2), (T0 + (24 * Hour), T0 + (48 * Hour), 10, 1), (T0 + (48 * Hour), T0 + (72 * Hour), 1, 0)], days);
        Assert.Empty((await GetAsync("/api/campaigns/spring/trends?granularity=day&creator=ben")).GetProperty("periods").EnumerateArray());
    }

    [Fact]
    public async Task Compare_OneDay_IsTheLastCompleteDayAgainstTheOneBefore()
    {
        var body = await GetAsync("/api/campaigns/spring/trends/compare?days=1");

        // Complete hours end at T0 + 48 h: day two [T0 + 24 h, T0 + 48 h) against day one.
        var current = body.GetProperty("current");
        var previous = body.GetProperty("previous");
        Assert.Equal((T0 + (24 * Hour), T0 + (48 * Hour), 10, 1), (current.GetProperty("start").GetInt64(), current.GetProperty("end").GetInt64(), current.GetProperty("impressions").GetInt64(), current.GetProperty("authentic_clicks").GetInt64()));
        Assert.Equal((T0, T0 + (24 * Hour), 10, 2), (previous.GetProperty("start").GetInt64(), previous.GetProperty("end").GetInt64(), previous.GetProperty("impressions").GetInt64(), previous.GetProperty("authentic_clicks").GetInt64()));
        var ctr = body.GetProperty("ctr");
        Assert.Equal((0.1, 0.2, -0.5), (ctr.GetProperty("current").GetDouble(), ctr.GetProperty("previous").GetDouble(), ctr.GetProperty("change").GetDouble()));
        Assert.Equal((1 - 1.5) / Math.Sqrt(0.75), ctr.GetProperty("z").GetDouble(), 12); // 3 clicks, half the exposure each side
        Assert.False(ctr.GetProperty("significant").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("conversion_rate").GetProperty("change").ValueKind); // no orders
    }

    [Theory]
    [InlineData("/api/campaigns/spring/trends?granularity=week", HttpStatusCode.BadRequest, "granularity")]
    [InlineData("/api/campaigns/spring/trends?from=5&to=5", HttpStatusCode.BadRequest, "before")]
    [InlineData("/api/campaigns/spring/trends?from=0&to=1767225600000", HttpStatusCode.BadRequest, "at most")]
    [InlineData("/api/campaigns/spring/trends?creator=nobody", HttpStatusCode.NotFound, "nobody")]
    [InlineData("/api/campaigns/spring/trends/compare?days=0", HttpStatusCode.BadRequest, "days")]
    [InlineData("/api/campaigns/spring/trends/compare?creator=nobody", HttpStatusCode.NotFound, "nobody")]
    public async Task Trends_BadQuery_IsRefusedWithAReason(string path, HttpStatusCode status, string reason)
    {
        var response = await SendAsync(path, Key);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(reason, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trends_WithoutAKey_Is401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync("/api/campaigns/spring/trends", null)).StatusCode);
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await SendAsync(path, Key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string? key)
    {
        using var http = new HttpClient { BaseAddress = new Uri(_baseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return await http.SendAsync(request);
    }
}
