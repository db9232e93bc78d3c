using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorStream.Core.Alerts;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka.Producing;

namespace CreatorStream.Kafka.Tests.Producing;

public sealed class OutputJsonTests
{
    [Fact]
    public void ToJson_ClosedContentWindowCorrection_CarriesIdsBoundsCountsAndTheCorrectionFlag()
    {
        var key = AggregateKey.Content("spring", "anna", "post-1", Platform.TikTok, 1_767_225_600_000);
        var window = new ClosedWindow(key, new Counters { Impressions = 7, Likes = 3, Saves = 1, AuthenticEngagements = 4, Clicks = 2 }, 5, IsCorrection: true, 1_767_225_700_000);

        var json = JsonDocument.Parse(KafkaWindowSink.ToJson(window, version: 4_242, sequence: 3)).RootElement;

        Assert.Equal((4_242, 3), (json.GetProperty("version").GetInt64(), json.GetProperty("sequence").GetInt32())); // its batch's place in the partition, its place in the batch: the highest wins
        Assert.Equal("content", json.GetProperty("scope").GetString());
        Assert.Equal("tiktok", json.GetProperty("platform").GetString());
        Assert.Equal(1_767_225_660_000, json.GetProperty("window_end").GetInt64());
        Assert.Equal(4, json.GetProperty("engagements").GetProperty("total").GetInt64());
        Assert.Equal(5, json.GetProperty("reach").GetInt64());
        Assert.True(json.GetProperty("correction").GetBoolean());
    }

    [Fact]
    public void ToJson_CampaignWindow_OmitsIdsItDoesNotHave()
    {
        var window = new ClosedWindow(AggregateKey.Campaign("spring", 0), default, 0, IsCorrection: false, 60_000);

        var json = JsonDocument.Parse(KafkaWindowSink.ToJson(window, version: 0, sequence: 0)).RootElement;

        Assert.False(json.TryGetProperty("creator_id", out _));
        Assert.False(json.TryGetProperty("platform", out _));
    }

    [Fact]
    public void ToJson_Alert_IsSnakeCaseWithItsDetails()
    {
        var alert = new Alert
        {
            AlertId = "engagement_spike:spring:anna:-:0",
            Kind = AlertKinds.EngagementSpike,
            CampaignId = "spring",
            CreatorId = "anna",
            ContentId = null,
            WindowStart = 0,
            WindowEnd = 60_000,
            DetectedAtMs = 65_000,
            Details = new JsonObject { ["observed"] = 57, ["z_score"] = 13.0 },
        };

        var json = JsonDocument.Parse(Core.Alerts.AlertJson.Write(alert)).RootElement;

        Assert.Equal("engagement_spike:spring:anna:-:0", json.GetProperty("alert_id").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("content_id").ValueKind);
        Assert.Equal(65_000, json.GetProperty("detected_at").GetInt64());
        Assert.Equal(57, json.GetProperty("details").GetProperty("observed").GetInt64());
    }
}
