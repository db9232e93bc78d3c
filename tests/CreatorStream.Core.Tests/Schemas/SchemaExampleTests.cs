using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Json;

namespace CreatorStream.Core.Tests.Schemas;

/// <summary>
/// Every example in schemas/examples both ways: it validates against its schema, and the C# contract reads it and
/// writes it back unchanged. Together with <see cref="SchemaWriterTests"/> and <see cref="SchemaAgreementTests"/>
/// this keeps the schemas, the examples and the code from drifting apart.
/// </summary>
public sealed class SchemaExampleTests
{
    private readonly EventDecoder _decoder = new();

    public static TheoryData<string> Examples() => [.. SchemaFiles.ExampleNames()];

    public static TheoryData<string> EventExamples() => [.. SchemaFiles.ExampleNames().Where(name => SchemaFiles.EventTypeOf(name) is not null)];

    [Fact]
    public void Examples_Folder_HasEveryKindOfExample()
    {
        var names = SchemaFiles.ExampleNames();

        foreach (var type in Enum.GetValues<EventType>())
        {
            Assert.Contains($"{WireNames.Of(type)}.full.json", names);
            Assert.Contains($"{WireNames.Of(type)}.minimal.json", names);
        }

        Assert.Contains("events.jsonl", names);
        Assert.Contains("campaigns.json", names);
        Assert.Contains("replay-report.json", names);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_HasASchemaByItsName(string example)
    {
        var schema = SchemaFiles.SchemaOf(example);

        Assert.True(File.Exists(Path.Combine(SchemaFiles.SchemasDirectory, schema)), $"{example} follows {schema}, which does not exist");
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_AgainstItsSchema_Validates(string example)
    {
        var schema = SchemaFiles.SchemaOf(example);
        var documents = example.EndsWith(".jsonl", StringComparison.Ordinal)
            ? SchemaFiles.ReadExample(example).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            : [SchemaFiles.ReadExample(example)];

        Assert.NotEmpty(documents);
        foreach (var document in documents)
        {
            Assert.Empty(SchemaFiles.Validator.Validate(schema, document));
        }
    }

    [Theory]
    [MemberData(nameof(EventExamples))]
    public void EventExample_DecodedOnItsTopicAndWritten_EqualsTheExample(string example)
    {
        var type = SchemaFiles.EventTypeOf(example)!.Value;
        var text = SchemaFiles.ReadExample(example);

        var result = _decoder.Decode(Encoding.UTF8.GetBytes(text), type);

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(type, result.Event!.Type);
        Assert.Equal(JsonNode.Parse(text)!["event_id"]!.GetValue<string>(), result.Event.EventId);
        AssertSameJson(text, Encoding.UTF8.GetString(EventWriter.ToUtf8(WithIdentifierText(result.Event, text), includeType: false)));
    }

    [Fact]
    public void EventsJsonl_EveryLine_DecodesToItsTypeAndWritesBackUnchanged()
    {
        var lines = SchemaFiles.ReadExample("events.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var types = new List<EventType>();

        foreach (var line in lines)
        {
            var result = _decoder.Decode(Encoding.UTF8.GetBytes(line));

            Assert.True(result.IsSuccess, result.Message);
            types.Add(result.Event!.Type);
            AssertSameJson(line, Encoding.UTF8.GetString(EventWriter.ToUtf8(WithIdentifierText(result.Event, line), includeType: true)));
        }

        Assert.Equal(16, lines.Length);
        Assert.Equal(Enum.GetValues<EventType>(), types.Distinct().Order());
    }

    [Fact]
    public void LeadUpdateExamples_Decoded_CarryStatusAndScore()
    {
        var full = Assert.IsType<LeadUpdate>(Decode("lead_update.full.json", EventType.LeadUpdate));
        var minimal = Assert.IsType<LeadUpdate>(Decode("lead_update.minimal.json", EventType.LeadUpdate));

        Assert.Equal(("acme", "ord-100312", LeadStatus.Qualified, (decimal?)72.5m), (full.BrandId, full.OrderId, full.Status, full.Score));
        Assert.Equal((LeadStatus.Won, (decimal?)null), (minimal.Status, minimal.Score));
    }

    [Fact]
    public void SessionExamples_Decoded_CarryTheirVisit()
    {
        var full = Assert.IsType<SiteSession>(Decode("session.full.json", EventType.Session));
        var minimal = Assert.IsType<SiteSession>(Decode("session.minimal.json", EventType.Session));

        Assert.Equal(("clk-90c3e6b7", "lnk-anna-ig", (ReferrerClass?)ReferrerClass.Social, 240_000L, 5, false), (full.ClickEventId, full.LinkId, full.ReferrerClass, full.DurationMs, full.Pageviews, full.Bounced));
        Assert.Equal(((string?)null, (string?)null, 1_767_262_542_894L, true), (minimal.ClickEventId, minimal.LinkId, minimal.StartedAt, minimal.Bounced));
    }

    [Fact]
    public void ImpressionFullExample_Decoded_CarriesEveryOptionalField()
    {
        var impression = Assert.IsType<Impression>(Decode("impression.full.json", EventType.Impression));

        Assert.Equal(1_767_262_500_123, impression.Ts);
        Assert.Equal(Platform.Instagram, impression.Platform);
        Assert.Equal(ContentFormat.Reel, impression.ContentFormat);
        Assert.Equal(IdentifierKey.Of("ip-5e884898da28"), impression.IpKey);
        Assert.Equal(IdentifierKey.Of("dev-a1b2c3d4"), impression.DeviceKey);
        Assert.Equal(IdentifierKey.Of("ua-9f86d081884c7d65"), impression.UserAgentKey);
        Assert.Equal("US", impression.Country);
    }

    [Fact]
    public void EngagementFullExample_Decoded_KeepsTheCommentText()
    {
        var engagement = Assert.IsType<Engagement>(Decode("engagement.full.json", EventType.Engagement));

        Assert.Equal(EngagementKind.Comment, engagement.Kind);
        Assert.Equal("Love this colour! Where can I get it? \U0001F60D", engagement.CommentText);
        Assert.Equal(1342, engagement.AccountAgeDays);
    }

    [Fact]
    public void ClickFullExample_Decoded_CarriesTheLandingFigures()
    {
        var click = Assert.IsType<Click>(Decode("click.full.json", EventType.Click));

        Assert.Equal("lnk-anna-ig", click.LinkId);
        Assert.Equal("aff-anna", click.AffiliateId);
        Assert.Equal(48_250, click.DwellMs);
        Assert.Equal(4, click.Pages);
    }

    [Fact]
    public void ConversionExamples_Decoded_ReadTheValueAsADecimal()
    {
        var purchase = Assert.IsType<Conversion>(Decode("conversion.full.json", EventType.Conversion));
        var refund = Assert.IsType<Conversion>(Decode("conversion.refund.json", EventType.Conversion));
        var signup = Assert.IsType<Conversion>(Decode("conversion.minimal.json", EventType.Conversion));

        Assert.Equal(129.9m, purchase.Value);
        Assert.Equal("ANNA10", purchase.PromoCode);
        Assert.Equal("US", purchase.Country);
        Assert.Equal(ReferrerClass.Direct, purchase.ReferrerClass);
        Assert.Null(signup.Country);
        Assert.False(purchase.IsRefund);
        Assert.Equal(-129.9m, refund.Value);
        Assert.Equal(purchase.OrderId, refund.OrderId);
        Assert.True(refund.IsRefund);
        Assert.Equal(ConversionKind.Signup, signup.Kind);
        Assert.Null(signup.CampaignId);
    }

    [Fact]
    public void CampaignsExample_ParsedAndWritten_EqualsTheExample()
    {
        var text = SchemaFiles.ReadExample("campaigns.json");

        var catalog = CampaignCatalog.Parse(text);

        var spring = Assert.Single(catalog.Campaigns);
        Assert.Equal("acme", spring.BrandId);
        Assert.Equal(300, spring.Attribution.DataDrivenMinConversions);
        Assert.Equal(0.10, spring.Creators[0].Costs.CommissionRate);
        Assert.Equal([CreatorStream.Core.Commissions.CommissionKinds.Tiers, "percent", "bounty"], spring.Creators[0].Commission!.Rules.Select(r => r.Kind));
        Assert.Equal(CreatorStream.Core.Events.ConversionKind.Signup, spring.Creators[0].Commission!.Rules[2].BountyKind);
        AssertSameJson(text, catalog.ToJson());
    }

    [Fact]
    public void GoalsExample_Parsed_HasADatedGoalOfEachType()
    {
        var catalog = CampaignCatalog.Parse(SchemaFiles.ReadExample("campaigns.goals.json"));

        Assert.Equal(GoalKpis.Types.Order(StringComparer.Ordinal), catalog.Campaigns.Select(c => c.Goal!.Type).Order(StringComparer.Ordinal));
        Assert.All(catalog.Campaigns, c => Assert.True(c.Goal!.Start < c.Goal.End && c.Goal.Budget > 0 && c.Goal.Target is not null));
        Assert.Equal(42000 * 1.3, catalog.Campaigns.Single(c => c.Goal!.Type == GoalKpis.Sales).Goal!.Target!.Resolve(42000)!.Value, 9);
    }

    [Fact]
    public void ReplayReportExample_ReadAndWritten_EqualsTheExample()
    {
        var text = SchemaFiles.ReadExample("replay-report.json");

        var report = JsonSerializer.Deserialize(text, CoreJsonContext.Default.ReplayReport)!;

        var anna = report.Campaigns["spring"].Creators["anna"];
        Assert.Equal(7, anna.Attribution!.Count);
        Assert.True(anna.Attribution["data_driven"].Fallback);
        Assert.Null(anna.Attribution["linear"].Fallback);
        Assert.Equal(9, report.DeadLettersByReason["LATE"]);
        Assert.Equal(report.DeadLetters, report.DeadLettersByReason.Values.Sum());
        AssertSameJson(text, JsonSerializer.Serialize(report, CoreJsonContext.Default.ReplayReport));
    }

    [Fact]
    public void ReplayReportExample_EveryFigure_IsSetAndNonZero()
    {
        var nulls = new List<string>();
        var zeros = new List<string>();

        Walk(SchemaFiles.ExampleNode("replay-report.json"), "");

        // The nulls: the cpa_above_benchmark alert's content_id (that alert is about the creator, not a post), a format
        // row's reach (reach does not add up over posts), the budget-shift note, which is only set when there is no shift,
        // a live post's deletion time, a standing flag's clearing time and the platform's figures of a post with no
        // insights imported. A flag's evidence fills only its kind's members.
        nulls.RemoveAll(path => path.Contains("/evidence/", StringComparison.Ordinal));
        Assert.Equal(
            [
                "/campaigns/spring/alerts/3/content_id", "/campaigns/spring/breakdowns/formats/reel/reach", "/campaigns/spring/breakdowns/formats/story/reach",
                "/campaigns/spring/publishing/compliance_flags/1/cleared_at", "/campaigns/spring/publishing/posts/0/deleted_at",
                "/campaigns/spring/publishing/posts/1/platform_reported",
                "/campaigns/spring/recommendations/budget_shift_note",
            ],
            nulls.Order(StringComparer.Ordinal));
        Assert.Empty(zeros);

        void Walk(JsonNode? node, string at)
        {
            switch (node)
            {
                case null:
                    nulls.Add(at);
                    break;
                case JsonObject o:
                    Assert.NotEmpty(o);
                    foreach (var (name, child) in o)
                    {
                        Walk(child, $"{at}/{name}");
                    }

                    break;
                case JsonArray a:
                    Assert.NotEmpty(a);
                    for (var i = 0; i < a.Count; i++)
                    {
                        Walk(a[i], $"{at}/{i}");
                    }

                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.GetValue<decimal>() == 0:
                    zeros.Add(at);
                    break;
            }
        }
    }

    private static void AssertSameJson(string expected, string actual)
    {
        var (left, right) = (JsonNode.Parse(expected), JsonNode.Parse(actual));
        Assert.True(JsonNode.DeepEquals(left, right), $"the C# contract wrote different JSON: {string.Join("; ", Differences(left, right, "#"))}{Environment.NewLine}{actual}");
    }

    /// <summary>Where two JSON documents differ, as JSON pointers, to make a failed round trip readable.</summary>
    private static IEnumerable<string> Differences(JsonNode? expected, JsonNode? actual, string at) => (expected, actual) switch
    {
        (JsonObject e, JsonObject a) =>
            e.Where(member => !a.ContainsKey(member.Key)).Select(member => $"{at}/{member.Key} is missing")
                .Concat(a.Where(member => !e.ContainsKey(member.Key)).Select(member => $"{at}/{member.Key} was added"))
                .Concat(e.Where(member => a.ContainsKey(member.Key)).SelectMany(member => Differences(member.Value, a[member.Key], $"{at}/{member.Key}"))),
        (JsonArray e, JsonArray a) when e.Count == a.Count => e.SelectMany((item, i) => Differences(item, a[i], $"{at}/{i}")),
        _ when JsonNode.DeepEquals(expected, actual) => [],
        _ => [$"{at} is {actual?.ToJsonString() ?? "null"}, not {expected?.ToJsonString() ?? "null"}"],
    };

    private StreamEvent Decode(string example, EventType type)
    {
        var result = _decoder.Decode(Encoding.UTF8.GetBytes(SchemaFiles.ReadExample(example)), type);
        Assert.True(result.IsSuccess, result.Message);
        return result.Event!;
    }

    /// <summary>
    /// A decoded audience event keeps ip_hash, device_id and user_agent_hash as their keys alone (<see cref="IdentifierKey"/>):
    /// each must be the key of the text in <paramref name="json"/>, which is then given back so the event writes the JSON again.
    /// </summary>
    private static StreamEvent WithIdentifierText(StreamEvent decoded, string json)
    {
        if (decoded is not AudienceEvent e)
        {
            return decoded;
        }

        var node = JsonNode.Parse(json)!;
        string? Text(string field) => node[field]?.GetValue<string>();
        Assert.Equal((IdentifierKey.Of(Text("ip_hash")), IdentifierKey.Of(Text("device_id")), IdentifierKey.Of(Text("user_agent_hash"))), (e.IpKey, e.DeviceKey, e.UserAgentKey));
        Assert.Equal((null, null, null), (e.IpHash, e.DeviceId, e.UserAgentHash));
        return e with { IpHash = Text("ip_hash"), DeviceId = Text("device_id"), UserAgentHash = Text("user_agent_hash") };
    }
}
