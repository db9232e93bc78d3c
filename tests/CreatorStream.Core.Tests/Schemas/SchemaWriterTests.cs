using CreatorStream.Core.Attribution;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Json;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Reporting;
using CreatorStream.Core.State;
using CreatorStream.Testing;

namespace CreatorStream.Core.Tests.Schemas;

/// <summary>The other direction: what the C# writers produce validates against the schemas.</summary>
public sealed class SchemaWriterTests
{
    public static TheoryData<StreamEvent> Events() =>
    [
        EventBuilder.Impression("u1", EventBuilder.T0),
        EventBuilder.Impression("u1", EventBuilder.T0, platform: Platform.Podcast) with { ContentFormat = ContentFormat.Episode, IpHash = "ip-1", DeviceId = "d-1", UserAgentHash = "ua", Country = "DE" },
        EventBuilder.Engagement("u2", EventBuilder.T0 + 1, EngagementKind.Save),
        EventBuilder.Engagement("u2", EventBuilder.T0 + 1, EngagementKind.Comment) with { CommentText = "so good \"quoted\" <b>✨</b>", AccountAgeDays = 0 },
        EventBuilder.Click("u3", EventBuilder.T0 + 2, platform: Platform.X),
        EventBuilder.Click("u3", EventBuilder.T0 + 2) with { UtmSource = "ig", UtmMedium = "social", UtmCampaign = "spring", UtmContent = "post-1", AffiliateId = "aff", DwellMs = 0, Pages = int.MaxValue },
        EventBuilder.Conversion("u4", EventBuilder.T0 + 3, 49.99m) with { PromoCode = "ANNA10", LinkId = "lnk-anna" },
        EventBuilder.Conversion("u4", EventBuilder.T0 + 4, -49.99m, campaign: null),
        EventBuilder.Conversion("u4", 4_102_444_800_000, decimal.MaxValue) with { Kind = ConversionKind.Install },
        new LeadUpdate { EventId = "lu-1", Ts = EventBuilder.T0 + 5, UserId = "u4", BrandId = "acme", OrderId = "order-l1", Status = LeadStatus.Disqualified },
        new LeadUpdate { EventId = "lu-2", Ts = EventBuilder.T0 + 6, UserId = "u4", BrandId = "acme", OrderId = "order-l1", Status = LeadStatus.Won, Score = -0.5m },
        EventBuilder.Session("u5", EventBuilder.T0, 0, 1, bounced: true),
        EventBuilder.Session("u5", EventBuilder.T0, 240_000, int.MaxValue, bounced: false, click: "c1", link: "lnk-anna") with { ReferrerClass = ReferrerClass.Other, UtmSource = "ig" },
    ];

    [Theory]
    [MemberData(nameof(Events))]
    public void EventWriter_Event_ValidatesAsATopicMessageAndAsALine(StreamEvent e)
    {
        var schema = $"{WireNames.Of(e.Type)}.schema.json";
        var message = Encoding.UTF8.GetString(EventWriter.ToUtf8(e, includeType: false));
        var line = Encoding.UTF8.GetString(EventWriter.ToUtf8(e, includeType: true));

        Assert.Empty(SchemaFiles.Validator.Validate(schema, message));
        Assert.Empty(SchemaFiles.Validator.Validate(schema, line));
        Assert.Empty(SchemaFiles.Validator.Validate(SchemaFiles.EventLineSchema, line));
        Assert.NotEmpty(SchemaFiles.Validator.Validate(SchemaFiles.EventLineSchema, message)); // a line needs its type
    }

    [Fact]
    public void CampaignCatalogToJson_TestCampaigns_ValidatesAgainstTheSchema()
    {
        var json = TestCampaigns.Spring().ToJson();

        Assert.Empty(SchemaFiles.Validator.Validate("campaigns.schema.json", json));
    }

    [Fact]
    public void CampaignCatalogToJson_FromTypedDocument_ValidatesAgainstTheSchema()
    {
        var document = new CampaignCatalogDocument
        {
            Campaigns =
            [
                new CampaignConfig
                {
                    CampaignId = "fall.2026",
                    BrandId = "acme_eu",
                    Name = "",
                    Currency = "EUR",
                    Attribution = new AttributionSettings { ReportingModel = "data_driven", LookbackDays = 365, TimeDecayHalfLifeHours = 0.5, DataDrivenMinConversions = 0 },
                    Benchmarks = new CampaignBenchmarks { Cpm = new() { ["tiktok"] = 0 } },
                },
            ],
        };

        var json = CampaignCatalog.From(document).ToJson();

        Assert.Empty(SchemaFiles.Validator.Validate("campaigns.schema.json", json));
        Assert.Null(JsonNode.Parse(json)!["campaigns"]![0]!["goal"]);
    }

    [Fact]
    public void ReportBuilder_StateWithAndWithoutEvents_WritesAReportThatValidates()
    {
        var counters = new Counters { Impressions = 3, Likes = 2, Comments = 1, AuthenticEngagements = 2, Clicks = 1 };
        var view = new AggregateView(counters, 2, EventBuilder.T0, EventBuilder.T0, ContentFormat.Reel);
        var clicksOnly = new AggregateView(new Counters { Clicks = 1 }, 0, EventBuilder.T0, EventBuilder.T0, null);
        var state = new CampaignState(
            "spring",
            StateWindow.CampaignToDate,
            view,
            new Dictionary<string, AggregateView> { ["anna"] = view },
            new Dictionary<ContentRef, AggregateView>
            {
                [new ContentRef("anna", "post-1", Platform.Instagram)] = view,
                [new ContentRef("anna", "story-9", Platform.Instagram)] = clicksOnly,
            },
            EventBuilder.T0);
        var stream = new StreamCounters(10, 1, new Dictionary<DeadLetterReason, long> { [DeadLetterReason.Late] = 2, [DeadLetterReason.InvalidJson] = 1 });

        var spike = new CreatorStream.Core.Alerts.Alert
        {
            AlertId = "engagement_spike:spring:anna:post-1:0",
            Kind = CreatorStream.Core.Alerts.AlertKinds.EngagementSpike,
            CampaignId = "spring",
            CreatorId = "anna",
            ContentId = "post-1",
            WindowStart = EventBuilder.T0,
            WindowEnd = EventBuilder.T0 + 60_000,
            DetectedAtMs = EventBuilder.T0 + 65_000,
            Details = new System.Text.Json.Nodes.JsonObject { ["observed"] = 120, ["expected"] = 12.5, ["z_score"] = 30.4 },
        };
        var report = ReportBuilder.Build(TestCampaigns.Spring(), [state], stream, new Dictionary<string, IReadOnlyList<CreatorStream.Core.Alerts.Alert>> { ["spring"] = [spike] });
        Assert.Equal("post-1", Assert.Single(report.Campaigns["spring"].Alerts).ContentId);
        var json = JsonSerializer.Serialize(report, CoreJsonContext.Default.ReplayReport);

        Assert.Empty(SchemaFiles.Validator.Validate("replay-report.schema.json", json));
        var ben = JsonNode.Parse(json)!["campaigns"]!["spring"]!["creators"]!["ben"]!;
        Assert.Equal(0, ben["impressions"]!.GetValue<long>()); // a silent creator: zeros and null ratios, still valid
        Assert.Null(ben["ctr"]);
        Assert.Equal(3, JsonNode.Parse(json)!["dead_letters"]!.GetValue<long>());
    }

    [Fact]
    public void ReplayReport_EveryMemberSet_WritesAReportThatValidates()
    {
        var credit = new SortedDictionary<string, ModelCredit>(StringComparer.Ordinal);
        var byModel = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var model in AttributionModels.All)
        {
            credit[model] = new ModelCredit { Conversions = 2.5, Revenue = 125, Fallback = model == AttributionModels.DataDriven ? false : null };
            byModel[model] = 2.5;
        }

        var engagements = new EngagementCounts { Like = 4, Comment = 3, Share = 2, Save = 1, Total = 10 };
        var report = new ReplayReport
        {
            Campaigns = new(StringComparer.Ordinal)
            {
                ["spring"] = new CampaignReport
                {
                    Totals = new TotalsReport
                    {
                        Impressions = 100,
                        Reach = 80,
                        Engagements = engagements,
                        AuthenticEngagements = 9,
                        EngagementRate = 0.1125,
                        Clicks = 5,
                        Ctr = 0.05,
                        Conversions = byModel,
                        Revenue = byModel,
                        Cost = 1370,
                        Roi = -0.9,
                        Roas = 0.1,
                        Cpa = 548,
                        Cpe = 152.2,
                        Cpm = 13700,
                        Emv = 3.4,
                    },
                    Creators = new(StringComparer.Ordinal)
                    {
                        ["anna"] = new CreatorReport
                        {
                            Impressions = 100,
                            Reach = 80,
                            Engagements = engagements,
                            AuthenticEngagements = 9,
                            EngagementRate = 0.1125,
                            AuthenticityScore = 0.9,
                            Clicks = 5,
                            Ctr = 0.05,
                            Attribution = credit,
                            AssistedConversions = 1,
                            Cost = 1370,
                            Roi = -0.9,
                            Roas = 0.1,
                            Cpa = 548,
                            Emv = 3.4,
                        },
                    },
                    Content = new(StringComparer.Ordinal)
                    {
                        ["post-1"] = new ContentReport { CreatorId = "anna", Platform = "instagram", ContentFormat = "reel", Impressions = 100, Reach = 80, Engagements = engagements, Clicks = 5, Ctr = 0.05 },
                    },
                    Alerts =
                    [
                        new AlertReport { Kind = "inauthentic_engagement", CreatorId = "anna", ContentId = "post-1", WindowStart = EventBuilder.T0, WindowEnd = EventBuilder.T0 + 60_000, Details = new JsonObject { ["suspicious_share"] = 0.4 } },
                    ],
                },
            },
            Unattributed = new UnattributedReport { Conversions = 1, Revenue = 20 },
            DeadLetters = 3,
            Duplicates = 1,
            Late = 1,
            DeadLettersByReason = new(StringComparer.Ordinal) { ["LATE"] = 1, ["OVERSIZE"] = 2 },
        };

        var json = JsonSerializer.Serialize(report, CoreJsonContext.Default.ReplayReport);

        Assert.Empty(SchemaFiles.Validator.Validate("replay-report.schema.json", json));
        Assert.False(JsonNode.Parse(json)!["campaigns"]!["spring"]!["creators"]!["anna"]!["attribution"]!["data_driven"]!["fallback"]!.GetValue<bool>());
    }

    [Fact]
    public void ReplayReport_DeadLetterReasons_AreTheSchemasReasons()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(SchemaFiles.SchemasDirectory, "replay-report.schema.json")));
        var names = schema.RootElement.GetProperty("properties").GetProperty("dead_letters_by_reason").GetProperty("properties").EnumerateObject().Select(p => p.Name);

        Assert.Equal(DeadLetterReasons.All, names);
    }
}
