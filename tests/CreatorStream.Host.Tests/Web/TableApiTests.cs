using System.Globalization;
using System.Net;
using System.Text.Json;
using CreatorStream.Host.Tests.Export;

namespace CreatorStream.Host.Tests.Web;

public sealed class TableApiTests(TablesFixture web) : IClassFixture<TablesFixture>
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(web.BaseUrl) };

    [Fact]
    public async Task Content_CampaignToDate_GivesEachPostsHandComputedFigures()
    {
        var body = await GetJsonAsync("/api/campaigns/summer/content");

        Assert.Equal(("summer", "campaign", "last_touch", "EUR"), (body.GetProperty("campaign_id").GetString(), body.GetProperty("window").GetString(), body.GetProperty("model").GetString(), body.GetProperty("currency").GetString()));
        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(
            [("dup", "ben", "instagram"), ("dup", "ben", "tiktok"), ("post-1", "anna", "instagram"), ("post-2", "anna", "tiktok"), ("post-b", "ben", "instagram")],
            rows.Select(r => (r.GetProperty("content_id").GetString(), r.GetProperty("creator_id").GetString(), r.GetProperty("platform").GetString())));

        // post-1: 3 impressions by u1, u1, u2; u2's like and u1's save, both authentic; no clicks.
        var post1 = rows[2];
        Assert.Equal("Anna, \"the\" Creator", post1.GetProperty("creator_name").GetString());
        Assert.Equal("reel", post1.GetProperty("content_format").GetString());
        Assert.Equal((3L, 2L, 0L), (post1.GetProperty("impressions").GetInt64(), post1.GetProperty("reach").GetInt64(), post1.GetProperty("clicks").GetInt64()));
        var engagements = post1.GetProperty("engagements");
        Assert.Equal((1L, 0L, 0L, 1L, 2L), (engagements.GetProperty("like").GetInt64(), engagements.GetProperty("comment").GetInt64(), engagements.GetProperty("share").GetInt64(), engagements.GetProperty("save").GetInt64(), engagements.GetProperty("total").GetInt64()));
        Assert.Equal((2L, 1L, 0L), (post1.GetProperty("authentic_engagements").GetInt64(), post1.GetProperty("saves").GetInt64(), post1.GetProperty("shares").GetInt64()));
        Assert.Equal(1.0, post1.GetProperty("engagement_rate").GetDouble()); // 2 authentic / 2 reached
        Assert.Equal(0.0, post1.GetProperty("ctr").GetDouble());
        Assert.Equal((3 / 1000.0 * 8) + 0.05 + 0.5, post1.GetProperty("emv").GetDouble(), 12);
        Assert.Equal((0.0, 0.0), (post1.GetProperty("conversions").GetDouble(), post1.GetProperty("revenue").GetDouble())); // u2 never bought
        // Last changed in the second batch: the likes were judged authentic a judge lag after they arrived (at the flush).
        Assert.Equal(2_000, post1.GetProperty("updated_at").GetInt64());

        // post-2: u3 saw and clicked it, then bought for 60: the last touch.
        var post2 = rows[3];
        Assert.Equal("video", post2.GetProperty("content_format").GetString());
        Assert.Equal(1.0, post2.GetProperty("ctr").GetDouble());
        Assert.Equal(0.0, post2.GetProperty("engagement_rate").GetDouble());
        Assert.Equal((1.0, 60.0), (post2.GetProperty("conversions").GetDouble(), post2.GetProperty("revenue").GetDouble()));
        Assert.Equal(1 / 1000.0 * 4, post2.GetProperty("emv").GetDouble(), 12);

        // post-b: two clicks, no impression: no format, no reach, and null ratios rather than infinity.
        var postB = rows[4];
        Assert.Equal("=HYPERLINK(\"http://x\")", postB.GetProperty("creator_name").GetString()); // JSON carries the text as is
        Assert.Equal(JsonValueKind.Null, postB.GetProperty("content_format").ValueKind);
        Assert.Equal(2, postB.GetProperty("clicks").GetInt64());
        Assert.Equal(JsonValueKind.Null, postB.GetProperty("ctr").ValueKind);
        Assert.Equal(JsonValueKind.Null, postB.GetProperty("engagement_rate").ValueKind);
        Assert.Equal(0.0, postB.GetProperty("emv").GetDouble());
        Assert.Equal(2_000, postB.GetProperty("updated_at").GetInt64());

        // "dup" names two posts; its credit cannot be split between them, so neither shows any.
        Assert.All(rows.Take(2), r => Assert.Equal((JsonValueKind.Null, JsonValueKind.Null), (r.GetProperty("conversions").ValueKind, r.GetProperty("revenue").ValueKind)));
        Assert.Equal(1 / 1000.0 * 8, rows[0].GetProperty("emv").GetDouble(), 12);
    }

    [Fact]
    public async Task Content_AnotherModel_CreditsUnderThatModel()
    {
        var direct = await GetJsonAsync("/api/campaigns/summer/content?model=direct");
        var firstTouch = await GetJsonAsync("/api/campaigns/summer/content?model=first_touch");

        // The purchase carried no promo code or link: direct credits nobody; u3's only touchpoint is post-2.
        Assert.Equal("direct", direct.GetProperty("model").GetString());
        Assert.Equal(0.0, Row(direct, "post-2").GetProperty("revenue").GetDouble());
        Assert.Equal(60.0, Row(firstTouch, "post-2").GetProperty("revenue").GetDouble());
    }

    [Fact]
    public async Task Content_FiveMinuteWindow_HasOnlyTheRecentPostAndNoCredit()
    {
        var body = await GetJsonAsync("/api/campaigns/summer/content?window=5m");

        var row = Assert.Single(body.GetProperty("rows").EnumerateArray());
        Assert.Equal(("post-b", 1L), (row.GetProperty("content_id").GetString(), row.GetProperty("clicks").GetInt64())); // only the T0 + 20 min click
        Assert.Equal(JsonValueKind.Null, row.GetProperty("conversions").ValueKind);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("revenue").ValueKind);
    }

    [Fact]
    public async Task Creators_CampaignToDate_GivesTheLeaderboardWithReturnsUnderTheModel()
    {
        var lastTouch = await GetJsonAsync("/api/campaigns/summer/creators");
        var direct = await GetJsonAsync("/api/campaigns/summer/creators?model=direct");

        var rows = lastTouch.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(["anna", "ben", "zoe"], rows.Select(r => r.GetProperty("creator_id").GetString()));
        var anna = rows[0];
        Assert.Equal((4L, 3L, 1L), (anna.GetProperty("impressions").GetInt64(), anna.GetProperty("reach").GetInt64(), anna.GetProperty("clicks").GetInt64()));
        Assert.Equal(2.0 / 3, anna.GetProperty("engagement_rate").GetDouble(), 12);
        Assert.Equal(0.25, anna.GetProperty("ctr").GetDouble());
        Assert.Equal((3 / 1000.0 * 8) + 0.55 + (1 / 1000.0 * 4), anna.GetProperty("emv").GetDouble(), 12);
        Assert.Equal((1.0, 60.0, 1376.0), (anna.GetProperty("conversions").GetDouble(), anna.GetProperty("revenue").GetDouble(), anna.GetProperty("cost").GetDouble())); // 1,370 + 10% of 60
        Assert.Equal((60 - 1376.0) / 1376, anna.GetProperty("roi").GetDouble(), 12);
        Assert.Equal(1376.0, anna.GetProperty("cpa").GetDouble());

        // ben: u5 on two platforms is one reached user; zoe: nothing arrived, so zeros, null ratios and no freshness.
        Assert.Equal((2L, 1L, 2L), (rows[1].GetProperty("impressions").GetInt64(), rows[1].GetProperty("reach").GetInt64(), rows[1].GetProperty("clicks").GetInt64()));
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("cpa").ValueKind);
        Assert.Equal((0L, 100.0, -1.0), (rows[2].GetProperty("impressions").GetInt64(), rows[2].GetProperty("cost").GetDouble(), rows[2].GetProperty("roi").GetDouble()));
        Assert.Equal(JsonValueKind.Null, rows[2].GetProperty("updated_at").ValueKind);

        // Under direct, anna is credited nothing: cost is the fixed part and there is no CPA.
        var annaDirect = direct.GetProperty("rows")[0];
        Assert.Equal((0.0, 1370.0, -1.0), (annaDirect.GetProperty("revenue").GetDouble(), annaDirect.GetProperty("cost").GetDouble(), annaDirect.GetProperty("roi").GetDouble()));
        Assert.Equal(JsonValueKind.Null, annaDirect.GetProperty("cpa").ValueKind);
    }

    [Fact]
    public async Task Creators_ReportingModel_MatchTheSnapshotsCreators()
    {
        var table = await GetJsonAsync("/api/campaigns/summer/creators");
        var snapshot = await GetJsonAsync("/api/campaigns/summer/summary");

        Assert.Equal(snapshot.GetProperty("creators").GetRawText(), table.GetProperty("rows").GetRawText());
    }

    [Theory]
    [InlineData("/api/campaigns/summer/content")]
    [InlineData("/api/campaigns/summer/creators")]
    [InlineData("/api/campaigns/summer/export?table=content&format=arrow")]
    public async Task Get_WithoutAKey_Is401AndWithAnotherCampaignsKey403(string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _http.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(path, "guess")).StatusCode);
        var forbidden = await SendAsync(path, TablesFixture.OtherKey);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.DoesNotContain("post-1", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_UnknownCampaign_Is403ForAKeyOfOneCampaign()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync("/api/campaigns/nope/content", TablesFixture.Key)).StatusCode);
    }

    [Theory]
    [InlineData("/api/campaigns/summer/content?window=fortnight", "window must be one of 5m, 1h, 24h, campaign")]
    [InlineData("/api/campaigns/summer/creators?model=gut_feeling", "model must be one of")]
    [InlineData("/api/campaigns/summer/export?table=posts", "table must be one of creators, content")]
    [InlineData("/api/campaigns/summer/export?format=xlsx", "format must be one of csv, arrow")]
    [InlineData("/api/campaigns/summer/export?table=content&window=2h", "window must be one of")]
    public async Task Get_BadQuery_Is400WithTheAllowedValues(string path, string reason)
    {
        var response = await SendAsync(path, TablesFixture.Key);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ContentCsv_ParsesBackToTheJsonRows()
    {
        var json = await GetJsonAsync("/api/campaigns/summer/content");
        var response = await SendAsync("/api/campaigns/summer/export?table=content&format=csv", TablesFixture.Key);

        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment; filename=\"summer-content-campaign-last_touch.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", text, StringComparison.Ordinal); // defused, then quoted for its quotes
        Assert.Contains(",\"Anna, \"\"the\"\" Creator\",", text, StringComparison.Ordinal);
        AssertCsvEqualsJson(CsvParser.Parse(text), json, ContentPaths);
    }

    [Fact]
    public async Task Export_CreatorsCsvIsTheDefault_AndParsesBackToTheJsonRows()
    {
        var json = await GetJsonAsync("/api/campaigns/summer/creators?model=linear");
        var response = await SendAsync("/api/campaigns/summer/export?model=linear", TablesFixture.Key);

        Assert.Equal("attachment; filename=\"summer-creators-campaign-linear.csv\"", response.Content.Headers.ContentDisposition?.ToString());
        var csv = CsvParser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Zoë 東京", csv[3][1]);
        AssertCsvEqualsJson(csv, json, CreatorPaths);

        // Anna's funnel by hand: reached u1, u2, u3; engaged u1 and u2; u3 clicked without engaging; no sessions, so no landed stage.
        var funnel = csv[0].Select((name, i) => (name, i)).Where(c => c.name.StartsWith("funnel_", StringComparison.Ordinal)).Select(c => csv[1][c.i]);
        Assert.Equal("anna", csv[1][0]);
        Assert.Equal(["3", "2", "0", "", "0"], funnel);
    }

    [Fact]
    public async Task Export_ContentArrow_ReadByApacheArrowEqualsTheJsonRows()
    {
        var json = await GetJsonAsync("/api/campaigns/summer/content");
        var response = await SendAsync("/api/campaigns/summer/export?table=content&format=arrow", TablesFixture.Key);

        Assert.Equal("application/vnd.apache.arrow.stream", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment; filename=\"summer-content-campaign-last_touch.arrows\"", response.Content.Headers.ContentDisposition?.ToString());
        var read = await ArrowJsReader.ReadAsync(await response.Content.ReadAsByteArrayAsync());

        var fields = read.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(ContentPaths.Keys, fields.Select(f => f.GetProperty("name").GetString()));
        Assert.Equal("Timestamp<MILLISECOND, UTC>", fields[^1].GetProperty("type").GetString());
        var rows = read.GetProperty("rows").EnumerateArray().Select(r => r.EnumerateArray().ToList()).ToList();
        var expected = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(expected.Count, rows.Count);
        for (var row = 0; row < rows.Count; row++)
        {
            var column = 0;
            foreach (var path in ContentPaths.Values)
            {
                var want = At(expected[row], path);
                var got = rows[row][column++];
                Assert.True(SameValue(want, got), $"row {row}, {path}: JSON {want}, Arrow {got}");
            }
        }
    }

    [Fact]
    public async Task Export_CreatorsArrowInAWindow_NamesTheFileAfterIt()
    {
        var response = await SendAsync("/api/campaigns/summer/export?format=arrow&window=1h", TablesFixture.Key);
        var read = await ArrowJsReader.ReadAsync(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal("attachment; filename=\"summer-creators-1h-last_touch.arrows\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(3, read.GetProperty("num_rows").GetInt32());
        Assert.Equal(CreatorPaths.Keys, read.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
    }

    /// <summary>The content export's columns and where each sits in a JSON row, written out by hand (the oracle for the flattening).</summary>
    private static readonly Dictionary<string, string> ContentPaths = new()
    {
        ["content_id"] = "content_id",
        ["creator_id"] = "creator_id",
        ["creator_name"] = "creator_name",
        ["platform"] = "platform",
        ["content_format"] = "content_format",
        ["impressions"] = "impressions",
        ["reach"] = "reach",
        ["likes"] = "engagements.like",
        ["comments"] = "engagements.comment",
        ["shares"] = "engagements.share",
        ["saves"] = "engagements.save",
        ["engagements"] = "engagements.total",
        ["authentic_engagements"] = "authentic_engagements",
        ["engagement_rate"] = "engagement_rate",
        ["comments_positive"] = "comments.positive",
        ["comments_neutral"] = "comments.neutral",
        ["comments_negative"] = "comments.negative",
        ["net_sentiment"] = "comments.net_sentiment",
        ["meaningful_comment_share"] = "comments.meaningful_share",
        ["brand_mentions"] = "comments.brand_mentions",
        ["shares_per_hour"] = "share_velocity.per_hour",
        ["peak_hour_shares"] = "share_velocity.peak_hour_shares",
        ["time_to_peak_hours"] = "share_velocity.time_to_peak_hours",
        ["platform_source"] = "platform_reported.source",
        ["platform_days"] = "platform_reported.days",
        ["platform_impressions"] = "platform_reported.impressions",
        ["platform_reach_max_day"] = "platform_reported.reach_max_day",
        ["platform_likes"] = "platform_reported.likes",
        ["platform_comments"] = "platform_reported.comments",
        ["platform_shares"] = "platform_reported.shares",
        ["platform_saves"] = "platform_reported.saves",
        ["clicks"] = "clicks",
        ["ctr"] = "ctr",
        ["conversions"] = "conversions",
        ["revenue"] = "revenue",
        ["emv"] = "emv",
        ["funnel_reached"] = "funnel.reached",
        ["funnel_engaged"] = "funnel.engaged",
        ["funnel_clicked"] = "funnel.clicked",
        ["funnel_landed"] = "funnel.landed",
        ["funnel_converted"] = "funnel.converted",
        ["updated_at"] = "updated_at",
    };

    private static readonly Dictionary<string, string> CreatorPaths = new()
    {
        ["creator_id"] = "creator_id",
        ["name"] = "name",
        ["impressions"] = "impressions",
        ["reach"] = "reach",
        ["likes"] = "engagements.like",
        ["comments"] = "engagements.comment",
        ["shares"] = "engagements.share",
        ["saves"] = "engagements.save",
        ["engagements"] = "engagements.total",
        ["authentic_engagements"] = "authentic_engagements",
        ["engagement_rate"] = "engagement_rate",
        ["comments_positive"] = "comments.positive",
        ["comments_neutral"] = "comments.neutral",
        ["comments_negative"] = "comments.negative",
        ["net_sentiment"] = "comments.net_sentiment",
        ["meaningful_comment_share"] = "comments.meaningful_share",
        ["brand_mentions"] = "comments.brand_mentions",
        ["clicks"] = "clicks",
        ["ctr"] = "ctr",
        ["emv"] = "emv",
        ["conversions"] = "conversions",
        ["revenue"] = "revenue",
        ["cost"] = "cost",
        ["roi"] = "roi",
        ["roas"] = "roas",
        ["cpa"] = "cpa",
        ["conversion_rate"] = "conversion_rate",
        ["aov"] = "aov",
        ["leads"] = "leads",
        ["cost_per_lead"] = "cost_per_lead",
        ["qualified_leads"] = "qualified_leads",
        ["cost_per_qualified_lead"] = "cost_per_qualified_lead",
        ["lead_to_won_rate"] = "lead_to_won_rate",
        ["new_customers"] = "new_customers",
        ["referral_source"] = "referral_source",
        ["sessions"] = "sessions",
        ["bounce_rate"] = "bounce_rate",
        ["avg_time_on_site_ms"] = "avg_time_on_site_ms",
        ["pages_per_session"] = "pages_per_session",
        ["quality_weighted_traffic"] = "quality_weighted_traffic",
        ["funnel_reached"] = "funnel.reached",
        ["funnel_engaged"] = "funnel.engaged",
        ["funnel_clicked"] = "funnel.clicked",
        ["funnel_landed"] = "funnel.landed",
        ["funnel_converted"] = "funnel.converted",
        ["updated_at"] = "updated_at",
    };

    private static void AssertCsvEqualsJson(List<List<string>> csv, JsonElement json, Dictionary<string, string> paths)
    {
        Assert.Equal(paths.Keys, csv[0]);
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(rows.Count, csv.Count - 1);
        for (var row = 0; row < rows.Count; row++)
        {
            var column = 0;
            foreach (var path in paths.Values)
            {
                var want = At(rows[row], path);
                var cell = csv[row + 1][column++];
                var expected = want.ValueKind switch
                {
                    JsonValueKind.Null => "",
                    JsonValueKind.String => Defused(want.GetString()!),
                    _ => want.GetRawText(),
                };

                // Numbers: equal as doubles (JSON and CSV may spell a double differently, e.g. 1E-05 and 1E-05).
                var same = want.ValueKind == JsonValueKind.Number
                    ? double.Parse(cell, CultureInfo.InvariantCulture) == want.GetDouble()
                    : cell == expected;
                Assert.True(same, $"row {row}, {path}: JSON {want.GetRawText()}, CSV '{cell}'");
            }
        }
    }

    /// <summary>The documented rule: text starting with = + - @ tab or CR gets a leading single quote.</summary>
    private static string Defused(string text) => text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal) ? "'" + text : text;

    private static bool SameValue(JsonElement json, JsonElement arrow) => json.ValueKind switch
    {
        JsonValueKind.Null => arrow.ValueKind == JsonValueKind.Null,
        JsonValueKind.String => arrow.GetString() == json.GetString(),
        _ => double.Parse(arrow.ValueKind == JsonValueKind.String ? arrow.GetString()! : arrow.GetRawText(), CultureInfo.InvariantCulture) == json.GetDouble(),
    };

    /// <summary>The value at a dotted path; a null object on the way (a funnel outside the to-date view) gives that null.</summary>
    private static JsonElement At(JsonElement row, string path) =>
        path.Split('.').Aggregate(row, (element, name) => element.ValueKind == JsonValueKind.Null ? element : element.GetProperty(name));

    private static JsonElement Row(JsonElement body, string contentId) =>
        body.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("content_id").GetString() == contentId);

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await SendAsync(path, TablesFixture.Key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private Task<HttpResponseMessage> SendAsync(string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", key);
        return _http.SendAsync(request);
    }
}
