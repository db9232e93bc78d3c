using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreatorStream.Core.Streaming;
using CreatorStream.Host.Web;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Host.Tests.Web;

/// <summary>
/// <c>/publishing</c> and the compliance review queue over REST (docs/design.md, "Content"), on a memory store that
/// processed two hand-made posts: anna's post-1 with no disclosure (one flag, disclosure_missing) and ben's post-b with
/// "#ad" in view and his link (no flag). Every review answer is checked against the state machine and the audit trail.
/// </summary>
public sealed class ContentApiTests : IAsyncLifetime
{
    private const string Key = "content-key";
    private const string OtherKey = "other-campaign-key";
    private readonly InMemoryStateStore _store = new();
    private WebTestHost? _host;

    public async Task InitializeAsync()
    {
        var catalog = TestCampaigns.Spring();
        var processor = new StreamProcessor(catalog, ProcessorOptions.Default);
        var result = processor.Process(Batch(
            1_000,
            Record(Post("post-1", T0, "Spring picks, code ANNA10"), 0),
            Record(Post("post-b", T0 + 1, "#ad my spring picks", creator: "ben", links: ["https://shop.example/?link_id=lnk-ben"]), 1)));
        await _store.CommitAsync(result.Delta, CancellationToken.None);
        await _store.CommitAsync(processor.Flush(2_000).Delta, CancellationToken.None);
        var keys = new ApiKeyRing(
        [
            new ApiKeyEntry(ApiKeyRing.Hash(Key), new HashSet<string> { "spring" }, null),
            new ApiKeyEntry(ApiKeyRing.Hash(OtherKey), new HashSet<string> { "autumn" }, null),
        ]);
        _host = await WebTestHost.StartAsync(_store, catalog, keys);
        _host!.Http.DefaultRequestHeaders.Add("X-Api-Key", Key);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Publishing_ListsPostsAndTheOpenFlag()
    {
        var body = await GetAsync("/api/campaigns/spring/publishing");

        Assert.Equal(2, body.GetProperty("summary").GetProperty("posts_reported").GetInt64());
        Assert.Equal(["anna", "ben"], body.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("creator_id").GetString()));
        var flag = Assert.Single(body.GetProperty("compliance_flags").EnumerateArray().ToList());
        Assert.Equal(("disclosure_missing", "post-1", "open"), (flag.GetProperty("flag").GetProperty("kind").GetString(), flag.GetProperty("flag").GetProperty("content_id").GetString(), flag.GetProperty("review").GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Review_AcknowledgeThenDismiss_FollowsTheStates_AndTheAuditKeepsEveryAction()
    {
        var flagId = await FlagIdAsync();

        var acknowledged = await PostAsync(flagId, new { action = "acknowledge", by = "Maria (brand team)" });
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        var review = await acknowledged.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("acknowledged", "Maria (brand team)"), (review.GetProperty("state").GetString(), review.GetProperty("by").GetString()));

        var again = await PostAsync(flagId, new { action = "acknowledge", by = "Maria" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("the flag is acknowledged", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var noReason = await PostAsync(flagId, new { action = "dismiss", by = "Maria" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("needs a reason", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var dismissed = await PostAsync(flagId, new { action = "dismiss", by = "Maria", reason = "The platform label was added in the app; the export missed it." });
        Assert.Equal(HttpStatusCode.OK, dismissed.StatusCode);

        var queue = await GetAsync("/api/campaigns/spring/compliance?state=open");
        Assert.Empty(queue.GetProperty("flags").EnumerateArray());
        var trail = (await GetAsync("/api/campaigns/spring/compliance/audit")).GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal([("acknowledge", "open", "acknowledged"), ("dismiss", "acknowledged", "dismissed")], trail.Select(e => (e.GetProperty("action").GetString(), e.GetProperty("from").GetString(), e.GetProperty("to").GetString())));
        Assert.Equal(Convert.ToHexStringLower(ApiKeyRing.Hash(Key))[..12], trail[0].GetProperty("key_id").GetString());
        Assert.Equal("The platform label was added in the app; the export missed it.", trail[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Review_DecidedOnAStalePage_Is409AndRecordsNothing()
    {
        var flagId = await FlagIdAsync();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(flagId, new { action = "acknowledge", by = "Maria", from = "open" })).StatusCode);

        // Tom's page still shows the flag open: his dismissal was decided on what is no longer so.
        var stale = await PostAsync(flagId, new { action = "dismiss", by = "Tom", reason = "fine", from = "open" });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("the flag is now acknowledged, not open", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var trail = (await GetAsync("/api/campaigns/spring/compliance/audit")).GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["Maria"], trail.Select(e => e.GetProperty("by").GetString()));
    }

    [Theory]
    [InlineData("{\"action\":\"approve\",\"by\":\"x\"}", 400, "action must be one of")]
    [InlineData("{\"action\":\"acknowledge\"}", 400, "by must name who is acting")]
    [InlineData("not json", 400, "the body must be a JSON object")]
    public async Task Review_BadBodies_Get400WithAReason(string body, int status, string reason)
    {
        var flagId = await FlagIdAsync();
        var response = await _host!.Http.PostAsync($"/api/campaigns/spring/compliance/{flagId}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_UnknownFlag_Is404_AndAnotherCampaignsKey_Is403()
    {
        var unknown = await PostAsync("f0000000000000000", new { action = "acknowledge", by = "x" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var other = new HttpClient { BaseAddress = new Uri(_host!.BaseUrl) };
        other.DefaultRequestHeaders.Add("X-Api-Key", OtherKey);
        var forbidden = await other.PostAsJsonAsync($"/api/campaigns/spring/compliance/{await FlagIdAsync()}", new { action = "acknowledge", by = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/campaigns/spring/publishing")).StatusCode);
        Assert.Empty((await GetAsync("/api/campaigns/spring/compliance/audit")).GetProperty("entries").EnumerateArray());
    }

    private async Task<string> FlagIdAsync() =>
        (await GetAsync("/api/campaigns/spring/compliance")).GetProperty("flags")[0].GetProperty("flag").GetProperty("flag_id").GetString()!;

    private Task<HttpResponseMessage> PostAsync(string flagId, object body) => _host!.Http.PostAsJsonAsync($"/api/campaigns/spring/compliance/{flagId}", body);

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await _host!.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
