using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CreatorStream.Host.Web;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using static CreatorStream.Testing.RosterScenario;

namespace CreatorStream.Host.Tests.Web;

/// <summary>
/// The roster over REST (docs/design.md, "Roster") on a memory store that replayed <see cref="RosterScenario"/>: who may
/// read it, that a key reads only the brand's campaigns it covers, and the figures (worked out in RosterReaderTests).
/// </summary>
public sealed class RosterApiTests : IAsyncLifetime
{
    private const string Brand = "brand-key";
    private const string SpringOnly = "spring-key";
    private const string OtherBrand = "other-brand-key";
    private const string AnnaCreator = "anna-creator-key";
    private readonly InMemoryStateStore _store = new();
    private WebTestHost? _host;

    public async Task InitializeAsync()
    {
        await ScenarioReplay.RunAsync(Catalog(), Events(Spring + (72 * Hour)), _store);
        var keys = new ApiKeyRing(
        [
            new ApiKeyEntry(ApiKeyRing.Hash(Brand), null, new HashSet<string> { "acme" }),
            new ApiKeyEntry(ApiKeyRing.Hash(SpringOnly), new HashSet<string> { "spring" }, null),
            new ApiKeyEntry(ApiKeyRing.Hash(OtherBrand), null, new HashSet<string> { "brewco" }),
            new ApiKeyEntry(ApiKeyRing.Hash(AnnaCreator), null, new HashSet<string> { "acme" }, Creator: "anna"),
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
    public async Task Roster_WithTheBrandsKey_SuggestsForEveryCreatorOfItsCampaigns()
    {
        var (status, body) = await GetAsync("/api/brands/acme/roster", Brand);

        Assert.Equal(HttpStatusCode.OK, status);
        var roster = body.GetProperty("roster");
        Assert.Equal(["winter", "spring"], roster.GetProperty("campaigns").EnumerateArray().Select(c => c.GetString()));
        var creators = roster.GetProperty("creators").EnumerateArray().ToList();
        Assert.Equal(
            [("anna", "expand"), ("ben", "conclude"), ("dan", "renew")],
            creators.Select(c => (c.GetProperty("creator_id").GetString(), c.GetProperty("action").GetString())));
        var evidence = creators[0].GetProperty("evidence");
        Assert.Equal(1710.0 / 2190, evidence.GetProperty("roi").GetProperty("estimate").GetDouble(), 12);
        Assert.Equal(26.0, evidence.GetProperty("conversions").GetProperty("estimate").GetDouble());
        Assert.Equal(2, creators[0].GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task Roster_WithAKeyForOneCampaign_ReadsThatCampaignOnly()
    {
        var (status, body) = await GetAsync("/api/brands/acme/roster", SpringOnly);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["spring"], body.GetProperty("roster").GetProperty("campaigns").EnumerateArray().Select(c => c.GetString()));
        var anna = body.GetProperty("roster").GetProperty("creators")[0];
        Assert.Equal(14.0, anna.GetProperty("evidence").GetProperty("conversions").GetProperty("estimate").GetDouble());
    }

    [Fact]
    public async Task History_Anna_HasHerCampaignsWeeksAndOverlap()
    {
        var (status, body) = await GetAsync("/api/brands/acme/creators/anna/history", Brand);

        Assert.Equal(HttpStatusCode.OK, status);
        var history = body.GetProperty("history");
        Assert.Equal("expand", history.GetProperty("suggestion").GetProperty("action").GetString());
        Assert.Equal(40, history.GetProperty("weeks")[0].GetProperty("authentic").GetInt64());
        var ben = history.GetProperty("overlap")[0];
        Assert.Equal(("ben", 10.0, true), (ben.GetProperty("creator_id").GetString(), ben.GetProperty("users").GetProperty("estimate").GetDouble(), ben.GetProperty("exact").GetBoolean()));
    }

    [Theory]
    [InlineData("/api/brands/acme/roster", null, HttpStatusCode.Unauthorized, "API key is required")]
    [InlineData("/api/brands/acme/roster", "no-such-key", HttpStatusCode.Unauthorized, "not valid")]
    [InlineData("/api/brands/acme/roster", OtherBrand, HttpStatusCode.Forbidden, "no campaign of brand 'acme'")]
    [InlineData("/api/brands/nobody/roster", Brand, HttpStatusCode.Forbidden, "no campaign of brand 'nobody'")]
    [InlineData("/api/brands/acme/roster", AnnaCreator, HttpStatusCode.Forbidden, "creator 'anna'")]
    [InlineData("/api/brands/acme/creators/anna/history", AnnaCreator, HttpStatusCode.Forbidden, "creator 'anna'")]
    [InlineData("/api/brands/brewco/creators/anna/history", Brand, HttpStatusCode.Forbidden, "no campaign of brand 'brewco'")]
    [InlineData("/api/brands/acme/creators/zoe/history", Brand, HttpStatusCode.NotFound, "has creator 'zoe'")]
    [InlineData("/api/brands/acme/creators/ben/history", SpringOnly, HttpStatusCode.OK, null)]
    public async Task Routes_RefuseWhatTheKeyMayNotRead_WithAReason(string path, string? key, HttpStatusCode expected, string? reason)
    {
        var (status, body) = await GetAsync(path, key);

        Assert.Equal(expected, status);
        if (reason is not null)
        {
            Assert.Contains(reason, body.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
    }

    private async Task<(HttpStatusCode, JsonElement)> GetAsync(string path, string? key)
    {
        using var response = await _host!.SendAsync(HttpMethod.Get, path, key);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }
}
