using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Web;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using CreatorStream.Testing.Hub;
using Microsoft.AspNetCore.Routing;
using static CreatorStream.Testing.CommissionScenario;

namespace CreatorStream.Host.Tests.Web.Security;

/// <summary>
/// Issue 23's done-criterion for creator-scoped keys (docs/design.md, "Creator keys"): Anna's key is tried against every
/// route the web role maps, found by enumerating its endpoints (so a route added later is tried too), and nothing of Ben
/// comes back; the only campaign route it reads is its own creator view. On a memory store that processed
/// <see cref="CommissionScenario"/> to 30 h, whose figures are worked out by hand there.
/// </summary>
public sealed class CreatorKeyTests : IAsyncLifetime
{
    private const string AnnasKey = "anna-key";
    private const string ManagerKey = "manager-key";
    private const string StrangersKey = "zed-key"; // a creator with no place in "spring"

    // How Ben shows up in any answer: his id as a JSON value or in a statement id, his name, code, link and post.
    private static readonly string[] BensTraces = ["\"ben\"", "ben|", "Ben", "BEN10", "lnk-ben", "post-2"];

    private readonly InMemoryStateStore _store = new();
    private WebTestHost? _host;

    public async Task InitializeAsync()
    {
        var processor = new StreamProcessor(Catalog(), ProcessorOptions.Default);
        var records = Events(T0 + (30 * Hour)).Select((e, i) => EventBuilder.Record(e, i)).ToArray();
        await _store.CommitAsync(processor.Process(EventBuilder.Batch(1_000, records)).Delta, CancellationToken.None);
        var keys = new ApiKeyRing(
        [
            new ApiKeyEntry(ApiKeyRing.Hash(AnnasKey), new HashSet<string> { "spring" }, null, "Anna", Creator: "anna"),
            new ApiKeyEntry(ApiKeyRing.Hash(ManagerKey), null, null),
            new ApiKeyEntry(ApiKeyRing.Hash(StrangersKey), null, new HashSet<string> { "acme" }, Creator: "zed"),
        ]);
        _host = await WebTestHost.StartAsync(_store, Catalog(), keys);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task EveryRoute_WithAnnasKey_ReadsOnlyHerViewAndNothingOfBen()
    {
        var routes = Routes();
        Assert.Contains(routes, r => r.Pattern == "/api/campaigns/{id}/statements.csv"); // the enumeration sees the routes at all
        Assert.Contains(routes, r => r.Pattern == "/api/brands/{brand}/roster");
        var readable = new List<string>();
        foreach (var (method, pattern) in routes)
        {
            foreach (var creator in new[] { "anna", "ben" })
            {
                var path = Fill(pattern, creator);
                using var response = await SendAsync(method, path, AnnasKey);
                var body = await response.Content.ReadAsStringAsync();
                AssertNothingOfBen(body, $"{method} {path}");
                if (pattern.StartsWith("/api/brands/", StringComparison.Ordinal))
                {
                    // A brand's roster carries its economics, her own row included: closed to creator keys.
                    Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {(int)response.StatusCode} {body}");
                }
                else if (pattern.StartsWith("/api/campaigns/{id}", StringComparison.Ordinal))
                {
                    if (response.IsSuccessStatusCode)
                    {
                        readable.Add($"{method} {path}");
                    }
                    else
                    {
                        Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {(int)response.StatusCode} {body}");
                    }
                }
            }
        }

        // Of the campaign's routes, her key reads her own view and summaries and nothing else: a new route stays closed
        // until it is marked.
        Assert.Equal(["GET /api/campaigns/spring/creators/anna/view", "GET /api/campaigns/spring/creators/anna/summaries"], readable);
    }

    [Theory]
    [InlineData("/api/campaigns/spring/creators/ben/view")]
    [InlineData("/api/campaigns/spring/creators/anna/../ben/view")]
    [InlineData("/api/campaigns/spring/creators/ANNA/view")]
    [InlineData("/api/campaigns/spring/creators/anna%2F..%2Fben/view")]
    [InlineData("/api/campaigns/spring/creators/anna /view")]
    [InlineData("/api/campaigns/spring/summary")]
    [InlineData("/api/campaigns/spring/trends?creator=anna")]
    [InlineData("/api/campaigns/spring/content?q=anna")]
    [InlineData("/api/campaigns/spring/authenticity?creator=anna")]
    public async Task AnnasKey_OnAnotherCreatorOrTheWholeCampaign_Is403WithNothingOfBen(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path, AnnasKey);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertNothingOfBen(body, path);
    }

    [Fact]
    public async Task AnnasView_HoldsHerFiguresPostsDaysAndStatements_ByHand()
    {
        var view = await GetJsonAsync("/api/campaigns/spring/creators/anna/view", AnnasKey);

        // Anna: u1's click (1 h) and u2's (4 h) on post-1, and the impression at 30 h. Under last touch (the reporting
        // model) u1's order is Ben's (his click came later) and u2's, 200, hers: the code on it is Ben's, but a code
        // credits only under the direct model.
        var figures = view.GetProperty("figures");
        Assert.Equal(("anna", "Anna", "last_touch", true), (view.GetProperty("creator_id").GetString(), view.GetProperty("name").GetString(), view.GetProperty("model").GetString(), view.GetProperty("has_commission_plan").GetBoolean()));
        Assert.Equal((1L, 2L, 1.0, 200.0), (figures.GetProperty("impressions").GetInt64(), figures.GetProperty("clicks").GetInt64(), figures.GetProperty("conversions").GetDouble(), figures.GetProperty("revenue").GetDouble()));
        var post = Assert.Single(view.GetProperty("posts").EnumerateArray());
        Assert.Equal(("post-1", 2L, 200.0), (post.GetProperty("content_id").GetString(), post.GetProperty("clicks").GetInt64(), post.GetProperty("revenue").GetDouble()));
        Assert.Equal(
            [(T0, 0L, 2L, 2L), (T0 + Day, 1L, 0L, 0L)], // orders: u1's and u2's, each crediting her under some model
            view.GetProperty("days").EnumerateArray().Select(d => (d.GetProperty("start").GetInt64(), d.GetProperty("impressions").GetInt64(), d.GetProperty("clicks").GetInt64(), d.GetProperty("orders").GetInt64())));

        // Her statements as the manager's list has them (StatementsApiTests): 43 accrued on the first day, 20 of it payable.
        Assert.Equal(
            [("2026-03-02", "draft", 43.0, 23.0, 20.0), ("2026-03-03", "draft", 20.0, 20.0, 0.0)],
            view.GetProperty("statements").EnumerateArray().Select(s => (s.GetProperty("period").GetString(), s.GetProperty("state").GetString(), Round(s, "accrued"), Round(s, "held"), Round(s, "payable"))));

        // The brand's economics and the authenticity judgements are not a creator's to read.
        foreach (var hidden in new[] { "cost", "roi", "roas", "cpa", "emv", "inauthentic_engagements", "awaiting_judgement" })
        {
            Assert.False(figures.TryGetProperty(hidden, out _), hidden);
        }
    }

    [Fact]
    public async Task AnnasSummaries_AreHerFinishedDays_NewestFirst()
    {
        // At 30 h one day is finished (2 March, an hour of lateness after it ended): her two clicks, both orders she had
        // a part in, and her first statement (CreatorSummaryTests works the same figures out at 80 h).
        var summaries = (await GetJsonAsync("/api/campaigns/spring/creators/anna/summaries", AnnasKey)).EnumerateArray().ToList();

        var day = Assert.Single(summaries);
        Assert.Equal(("2026-03-02", 2L, 2L, 43.0), (day.GetProperty("period_name").GetString(), day.GetProperty("figures").GetProperty("clicks").GetInt64(), day.GetProperty("figures").GetProperty("conversions").GetInt64(), Round(day.GetProperty("figures"), "commission_accrued")));
        Assert.Equal(["First conversion"], day.GetProperty("milestones").EnumerateArray().Select(m => m.GetString()));
        Assert.StartsWith("Hello Anna,", day.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AManagersKey_ReadsEveryCreatorsView_TheControl()
    {
        var ben = await GetJsonAsync("/api/campaigns/spring/creators/ben/view", ManagerKey);
        var anna = await GetJsonAsync("/api/campaigns/spring/creators/anna/view", ManagerKey);

        Assert.Equal("Ben", ben.GetProperty("name").GetString()); // so the traces looked for above do show when they are there
        Assert.Contains("post-2", ben.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(2L, anna.GetProperty("figures").GetProperty("clicks").GetInt64());
    }

    [Fact]
    public async Task AnUnknownCreator_WithAManagersKey_Is404()
    {
        using var response = await SendAsync(HttpMethod.Get, "/api/campaigns/spring/creators/zoe/view", ManagerKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("has no creator 'zoe'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACreatorsKey_SeesOnlyCampaignsThatHaveTheCreator()
    {
        var anna = await GetJsonAsync("/api/campaigns", AnnasKey);
        var stranger = await GetJsonAsync("/api/campaigns", StrangersKey);
        using var refused = await SendAsync(HttpMethod.Get, "/api/campaigns/spring/creators/zed/view", StrangersKey);

        Assert.Equal(["spring"], anna.EnumerateArray().Select(c => c.GetProperty("campaign_id").GetString()));
        Assert.Empty(stranger.EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Me_SaysWhoseKeyItIs()
    {
        var anna = await GetJsonAsync("/api/me", AnnasKey);
        var manager = await GetJsonAsync("/api/me", ManagerKey);

        Assert.Equal(("anna", "viewer", false), (anna.GetProperty("creator").GetString(), anna.GetProperty("role").GetString(), anna.GetProperty("can_approve").GetBoolean()));
        Assert.Equal(JsonValueKind.Null, manager.GetProperty("creator").ValueKind);
    }

    [Fact]
    public async Task Hub_AnnasKeyJoiningTheCampaign_IsForbiddenAndHearsNothing()
    {
        await using var anna = await TestHubClient.ConnectAsync(new Uri(_host!.BaseUrl + WebApp.HubPath), AnnasKey);

        await anna.InvokeAsync("Join", "spring", "campaign");
        await Eventually.ReturnsAsync(() => Task.FromResult(anna.Errors.Count), n => n == 1, TimeSpan.FromSeconds(10), "the join refused");

        Assert.Contains("forbidden: this API key is creator 'anna''s", anna.Errors[0], StringComparison.Ordinal);
        Assert.Empty(anna.Messages);
    }

    /// <summary>Every route of the web role but the hub's (tried above), by method and pattern.</summary>
    private List<(HttpMethod Method, string Pattern)> Routes() =>
        [.. ((IEndpointRouteBuilder)_host!.App).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } path && !path.StartsWith(WebApp.HubPath, StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (new HttpMethod(method), "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct()];

    /// <summary>A concrete path for a route pattern: campaign spring, the given creator, a real period and action.</summary>
    private static string Fill(string pattern, string creator) => pattern
        .Replace("{id}", "spring", StringComparison.Ordinal)
        .Replace("{brand}", "acme", StringComparison.Ordinal)
        .Replace("{creator}", creator, StringComparison.Ordinal)
        .Replace("{period}", "2026-03-02", StringComparison.Ordinal)
        .Replace("{action}", "approve", StringComparison.Ordinal)
        .Replace("{flagId}", "any", StringComparison.Ordinal)
        .Replace("{documentName}", "v1", StringComparison.Ordinal)
        .Replace("{**path}", "index.html", StringComparison.Ordinal);

    private static void AssertNothingOfBen(string body, string what)
    {
        foreach (var trace in BensTraces)
        {
            Assert.False(body.Contains(trace, StringComparison.Ordinal), $"{what} shows '{trace}': {body[..Math.Min(body.Length, 300)]}");
        }
    }

    private static double Round(JsonElement row, string name) => Math.Round(row.GetProperty(name).GetDouble(), 6);

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string key) =>
        _host!.SendAsync(method, path, key, method == HttpMethod.Post ? JsonContent.Create(new { payable = 20.0, reason = "tried", action = "dismiss" }) : null);

    private async Task<JsonElement> GetJsonAsync(string path, string key)
    {
        using var response = await SendAsync(HttpMethod.Get, path, key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
