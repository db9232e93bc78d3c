using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorStream.Core.Attribution;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Json;

namespace CreatorStream.Core.Tests.Schemas;

/// <summary>
/// Schema and code agree on what is invalid (both reject) and on what the tolerant event reader lets through (both
/// accept). Each case edits one member of an example: <see cref="Absent"/> removes it, anything else is the JSON to set.
/// </summary>
public sealed class SchemaAgreementTests
{
    private const string Absent = "<absent>";
    private readonly EventDecoder _decoder = new();

    [Theory]
    [InlineData("impression.minimal.json", "content_format", Absent, DeadLetterReason.SchemaViolation)]
    [InlineData("impression.minimal.json", "platform", "\"myspace\"", DeadLetterReason.SchemaViolation)]
    [InlineData("impression.minimal.json", "content_format", "\"REEL\"", DeadLetterReason.SchemaViolation)]
    [InlineData("impression.minimal.json", "ts", "\"1767262500123\"", DeadLetterReason.SchemaViolation)]
    [InlineData("impression.minimal.json", "ts", "-1", DeadLetterReason.TimestampOutOfRange)]
    [InlineData("impression.minimal.json", "ts", "1767262500123.5", DeadLetterReason.SchemaViolation)]
    [InlineData("impression.minimal.json", "ts", "946684799999", DeadLetterReason.TimestampOutOfRange)]
    [InlineData("impression.minimal.json", "ts", "4102444800001", DeadLetterReason.TimestampOutOfRange)]
    [InlineData("impression.minimal.json", "ts", Absent, DeadLetterReason.SchemaViolation)]
    [InlineData("impression.minimal.json", "user_id", "null", DeadLetterReason.SchemaViolation)]
    [InlineData("impression.minimal.json", "event_id", "\"   \"", DeadLetterReason.SchemaViolation)]
    [InlineData("impression.minimal.json", "campaign_id", "42", DeadLetterReason.SchemaViolation)]
    [InlineData("impression.minimal.json", "type", "\"click\"", DeadLetterReason.SchemaViolation)]
    [InlineData("impression.minimal.json", "value", "\"free\"", DeadLetterReason.SchemaViolation)]
    [InlineData("engagement.minimal.json", "kind", "\"purchase\"", DeadLetterReason.SchemaViolation)]
    [InlineData("engagement.minimal.json", "kind", Absent, DeadLetterReason.SchemaViolation)]
    [InlineData("engagement.full.json", "account_age_days", "2147483648", DeadLetterReason.SchemaViolation)]
    [InlineData("engagement.full.json", "account_age_days", "-3", DeadLetterReason.SchemaViolation)]
    [InlineData("click.minimal.json", "link_id", Absent, DeadLetterReason.SchemaViolation)]
    [InlineData("click.full.json", "dwell_ms", "-5", DeadLetterReason.SchemaViolation)]
    [InlineData("click.full.json", "pages", "2.5", DeadLetterReason.SchemaViolation)]
    [InlineData("click.full.json", "utm_source", "[\"ig\"]", DeadLetterReason.SchemaViolation)]
    [InlineData("conversion.minimal.json", "currency", Absent, DeadLetterReason.SchemaViolation)]
    [InlineData("conversion.minimal.json", "currency", "\"usd\"", DeadLetterReason.SchemaViolation)]
    [InlineData("conversion.minimal.json", "currency", "\"USD\\n\"", DeadLetterReason.SchemaViolation)]
    [InlineData("conversion.minimal.json", "currency", "\"US$\"", DeadLetterReason.SchemaViolation)]
    [InlineData("conversion.minimal.json", "kind", "\"refund\"", DeadLetterReason.SchemaViolation)]
    [InlineData("conversion.minimal.json", "value", "\"10\"", DeadLetterReason.SchemaViolation)]
    [InlineData("conversion.minimal.json", "value", "1e30", DeadLetterReason.SchemaViolation)]
    [InlineData("conversion.minimal.json", "value", Absent, DeadLetterReason.SchemaViolation)]
    [InlineData("conversion.minimal.json", "order_id", "\"\"", DeadLetterReason.SchemaViolation)]
    [InlineData("conversion.minimal.json", "brand_id", Absent, DeadLetterReason.SchemaViolation)]
    [InlineData("conversion.minimal.json", "platform", "\"threads\"", DeadLetterReason.SchemaViolation)]
    [InlineData("conversion.minimal.json", "status", "\"pending\"", DeadLetterReason.SchemaViolation)]
    [InlineData("lead_update.minimal.json", "status", Absent, DeadLetterReason.SchemaViolation)]
    [InlineData("lead_update.minimal.json", "status", "\"pending\"", DeadLetterReason.SchemaViolation)]
    [InlineData("lead_update.minimal.json", "status", "2", DeadLetterReason.SchemaViolation)]
    [InlineData("lead_update.minimal.json", "order_id", Absent, DeadLetterReason.SchemaViolation)]
    [InlineData("lead_update.minimal.json", "brand_id", "\" \"", DeadLetterReason.SchemaViolation)]
    [InlineData("lead_update.full.json", "score", "\"high\"", DeadLetterReason.SchemaViolation)]
    [InlineData("lead_update.full.json", "type", "\"conversion\"", DeadLetterReason.SchemaViolation)]
    [InlineData("session.minimal.json", "bounced", Absent, DeadLetterReason.SchemaViolation)]
    [InlineData("session.minimal.json", "bounced", "1", DeadLetterReason.SchemaViolation)]
    [InlineData("session.minimal.json", "session_id", Absent, DeadLetterReason.SchemaViolation)]
    [InlineData("session.minimal.json", "started_at", Absent, DeadLetterReason.SchemaViolation)]
    [InlineData("session.minimal.json", "started_at", "5", DeadLetterReason.TimestampOutOfRange)]
    [InlineData("session.minimal.json", "duration_ms", "-1", DeadLetterReason.SchemaViolation)]
    [InlineData("session.minimal.json", "pageviews", "2147483648", DeadLetterReason.SchemaViolation)]
    [InlineData("session.full.json", "referrer_class", "\"tv\"", DeadLetterReason.SchemaViolation)]
    [InlineData("session.full.json", "click_event_id", "7", DeadLetterReason.SchemaViolation)]
    [InlineData("click.full.json", "bounced", "\"no\"", DeadLetterReason.SchemaViolation)]
    [InlineData("post.minimal.json", "action", Absent, DeadLetterReason.SchemaViolation)]
    [InlineData("post.minimal.json", "action", "\"archived\"", DeadLetterReason.SchemaViolation)]
    [InlineData("post.minimal.json", "published_at", Absent, DeadLetterReason.SchemaViolation)]
    [InlineData("post.minimal.json", "published_at", "5", DeadLetterReason.TimestampOutOfRange)]
    [InlineData("post.minimal.json", "content_format", Absent, DeadLetterReason.SchemaViolation)]
    [InlineData("post.minimal.json", "campaign_id", Absent, DeadLetterReason.SchemaViolation)]
    [InlineData("post.full.json", "hashtags", "\"#ad\"", DeadLetterReason.SchemaViolation)]
    [InlineData("post.full.json", "links", "[1]", DeadLetterReason.SchemaViolation)]
    [InlineData("post.full.json", "paid_partnership_label", "\"yes\"", DeadLetterReason.SchemaViolation)]
    [InlineData("impression.minimal.json", "hashtags", "{}", DeadLetterReason.SchemaViolation)]
    public void InvalidEvent_SchemaAndDecoder_BothReject(string example, string member, string value, DeadLetterReason reason)
    {
        var json = Edit(example, member, value);
        var type = SchemaFiles.EventTypeOf(example)!.Value;

        var errors = SchemaFiles.Validator.Validate(SchemaFiles.SchemaOf(example), json);
        var result = _decoder.Decode(Encoding.UTF8.GetBytes(json), type);

        Assert.NotEmpty(errors);
        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.Reason);
    }

    [Theory]
    [InlineData("impression.full.json", "experiment", "{\"arm\":\"b\",\"weights\":[0.5,0.5],\"since\":\"2026-01-01\"}")]
    [InlineData("impression.minimal.json", "ip_hash", "null")]
    [InlineData("impression.minimal.json", "type", "\"impression\"")]
    [InlineData("impression.minimal.json", "type", "null")]
    [InlineData("impression.minimal.json", "ts", "946684800000")]
    [InlineData("impression.minimal.json", "ts", "4102444800000")]
    [InlineData("impression.minimal.json", "kind", "\"anything\"")]
    [InlineData("engagement.minimal.json", "comment_text", "\"\"")]
    [InlineData("click.minimal.json", "dwell_ms", "9223372036854775807")]
    [InlineData("conversion.minimal.json", "campaign_id", "null")]
    [InlineData("conversion.minimal.json", "creator_id", "\"anna\"")]
    [InlineData("conversion.minimal.json", "value", "-0.01")]
    [InlineData("lead_update.full.json", "score", "null")]
    [InlineData("lead_update.full.json", "score", "-12.5")]
    [InlineData("lead_update.minimal.json", "type", "\"lead_update\"")]
    [InlineData("lead_update.minimal.json", "crm_stage", "\"SQL\"")]
    [InlineData("lead_update.minimal.json", "kind", "\"lead\"")]
    [InlineData("session.full.json", "referrer_class", "null")]
    [InlineData("session.minimal.json", "type", "\"session\"")]
    [InlineData("session.minimal.json", "pageviews", "2147483647")]
    [InlineData("session.minimal.json", "status", "\"won\"")]
    [InlineData("impression.minimal.json", "started_at", "-5")]
    [InlineData("post.minimal.json", "user_id", "null")]
    [InlineData("post.full.json", "hashtags", "[]")]
    [InlineData("post.full.json", "caption", "\"\"")]
    [InlineData("click.minimal.json", "links", "[\"https://x.example\"]")]
    public void TolerableEvent_SchemaAndDecoder_BothAccept(string example, string member, string value)
    {
        var json = Edit(example, member, value);
        var type = SchemaFiles.EventTypeOf(example)!.Value;

        var errors = SchemaFiles.Validator.Validate(SchemaFiles.SchemaOf(example), json);
        var result = _decoder.Decode(Encoding.UTF8.GetBytes(json), type);

        Assert.Empty(errors);
        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(type, result.Event!.Type);
    }

    [Theory]
    [InlineData(0, "type", Absent, DeadLetterReason.UnknownEventType)]
    [InlineData(0, "type", "null", DeadLetterReason.UnknownEventType)]
    [InlineData(2, "type", "\"tweet\"", DeadLetterReason.UnknownEventType)]
    [InlineData(4, "type", "\"conversion\"", DeadLetterReason.SchemaViolation)]
    [InlineData(6, "ts", "\"yesterday\"", DeadLetterReason.SchemaViolation)]
    public void InvalidEventLine_SchemaAndDecoder_BothReject(int line, string member, string value, DeadLetterReason reason)
    {
        var node = JsonNode.Parse(SchemaFiles.ReadExample("events.jsonl").Split('\n')[line])!.AsObject();
        var json = Edit(node, member, value);

        var errors = SchemaFiles.Validator.Validate(SchemaFiles.EventLineSchema, json);
        var result = _decoder.Decode(Encoding.UTF8.GetBytes(json));

        Assert.NotEmpty(errors);
        Assert.False(result.IsSuccess);
        Assert.Equal(reason, result.Reason);
    }

    [Theory]
    [InlineData("campaigns/0/brand_id", Absent, "campaigns[0].brand_id")]
    [InlineData("campaigns/0/campaign_id", "\"spring launch!\"", "campaigns[0].campaign_id")]
    [InlineData("campaigns/0/campaign_id", "\"\"", "campaigns[0].campaign_id")]
    [InlineData("campaigns/0/currency", "\"usd\"", "campaigns[0].currency")]
    [InlineData("campaigns/0/attribution", "null", "campaigns[0].attribution")]
    [InlineData("campaigns/0/attribution/reporting_model", "\"best_guess\"", "campaigns[0].attribution.reporting_model")]
    [InlineData("campaigns/0/attribution/lookback_days", "0", "campaigns[0].attribution.lookback_days")]
    [InlineData("campaigns/0/attribution/lookback_days", "366", "campaigns[0].attribution.lookback_days")]
    [InlineData("campaigns/0/attribution/lookback_days", "\"30\"", "campaigns[0].attribution.lookback_days")]
    [InlineData("campaigns/0/attribution/lookback_days", "30.5", "campaigns[0].attribution.lookback_days")]
    [InlineData("campaigns/0/attribution/time_decay_half_life_hours", "0", "campaigns[0].attribution.time_decay_half_life_hours")]
    [InlineData("campaigns/0/attribution/data_driven_min_conversions", "-1", "campaigns[0].attribution.data_driven_min_conversions")]
    [InlineData("campaigns/0/benchmarks", "null", "campaigns[0].benchmarks")]
    [InlineData("campaigns/0/benchmarks/cpa", "0", "campaigns[0].benchmarks.cpa")]
    [InlineData("campaigns/0/benchmarks/cpm/myspace", "8", "campaigns[0].benchmarks.cpm.myspace")]
    [InlineData("campaigns/0/benchmarks/cpm/instagram", "-8", "campaigns[0].benchmarks.cpm.instagram")]
    [InlineData("campaigns/0/benchmarks/engagement_value/view", "0.01", "campaigns[0].benchmarks.engagement_value.view")]
    [InlineData("campaigns/0/creators", "null", "campaigns[0].creators")]
    [InlineData("campaigns/0/creators/0/creator_id", "\"anna b\"", "campaigns[0].creators[0].creator_id")]
    [InlineData("campaigns/0/creators/0/costs", "null", "campaigns[0].creators[0].costs")]
    [InlineData("campaigns/0/creators/0/costs/commission_rate", "1.5", "campaigns[0].creators[0].costs.commission_rate")]
    [InlineData("campaigns/0/creators/0/costs/flat_fee", "-1", "campaigns[0].creators[0].costs.flat_fee")]
    [InlineData("campaigns/0/creators/0/fee", "3", "campaigns[0].creators[0]")]
    [InlineData("campaigns/0/creators/0/commission/model", "\"best_guess\"", "campaigns[0].creators[0].commission.model")]
    [InlineData("campaigns/0/creators/0/commission/hold_days", "-1", "campaigns[0].creators[0].commission.hold_days")]
    [InlineData("campaigns/0/creators/0/commission/hold_days", "91", "campaigns[0].creators[0].commission.hold_days")]
    [InlineData("campaigns/0/creators/0/commission/period", "\"fortnight\"", "campaigns[0].creators[0].commission.period")]
    [InlineData("campaigns/0/creators/0/commission/rules/0/kind", "\"royalty\"", "campaigns[0].creators[0].commission.rules[0].kind")]
    [InlineData("campaigns/0/creators/0/commission/rules/1/rate", "1.5", "campaigns[0].creators[0].commission.rules[1].rate")]
    [InlineData("campaigns/0/creators/0/commission/rules/1/of", "\"gross\"", "campaigns[0].creators[0].commission.rules[1].of")]
    [InlineData("campaigns/0/creators/0/commission/rules/2/conversion_kind", "\"sale\"", "campaigns[0].creators[0].commission.rules[2].conversion_kind")]
    [InlineData("campaigns/0/creators/0/commission/rules/0/tiers/1/rate", "2", "campaigns[0].creators[0].commission.rules[0].tiers[1]")]
    [InlineData("campaigns/0/budget", "5000", "campaigns[0]")]
    [InlineData("campaigns", "[]", "campaigns")]
    public void InvalidCampaigns_SchemaAndParser_BothReject(string path, string value, string field)
    {
        var json = EditAt(SchemaFiles.ExampleNode("campaigns.json"), path, value);

        var errors = SchemaFiles.Validator.Validate("campaigns.schema.json", json);
        var error = Assert.Throws<ConfigurationException>(() => CampaignCatalog.Parse(json));

        Assert.NotEmpty(errors);
        Assert.StartsWith(field, error.Field.TrimStart('$', '.'), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("surplus", "1")]
    [InlineData("dead_letters", "\"many\"")]
    [InlineData("late", "-1.5")]
    [InlineData("unattributed/conversions", "\"11\"")]
    [InlineData("campaigns/spring/totals", "[]")]
    [InlineData("campaigns/spring/totals/engagements/views", "3")]
    [InlineData("campaigns/spring/creators/anna/attribution/direct/bonus", "1")]
    [InlineData("campaigns/spring/content/ig-reel-001/ctr", "\"high\"")]
    [InlineData("campaigns/spring/alerts/0/window_start", "1.5")]
    [InlineData("campaigns/spring/alerts/0/details", "\"spike\"")]
    public void InvalidReport_SchemaAndReader_BothReject(string path, string value)
    {
        var json = EditAt(SchemaFiles.ExampleNode("replay-report.json"), path, value);

        var errors = SchemaFiles.Validator.Validate("replay-report.schema.json", json);

        Assert.NotEmpty(errors);
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize(json, CoreJsonContext.Default.ReplayReport));
    }

    [Fact]
    public void EventSchemas_Enums_AreTheWireNames()
    {
        Assert.Equal(WireNames.AllPlatforms, EnumOf("impression.schema.json", "$defs", "platform"));
        Assert.Equal(Enum.GetValues<ContentFormat>().Select(WireNames.Of), EnumOf("impression.schema.json", "$defs", "contentFormat"));
        Assert.Equal(WireNames.AllEngagementKinds, EnumOf("engagement.schema.json", "properties", "kind"));
        Assert.Equal(Enum.GetValues<ConversionKind>().Select(WireNames.Of), EnumOf("conversion.schema.json", "properties", "kind"));
        Assert.Equal(Enum.GetValues<EventType>().Select(WireNames.Of), EnumOf(SchemaFiles.EventLineSchema, "properties", "type"));
        Assert.Equal(WireNames.AllLeadStatuses, EnumOf("lead_update.schema.json", "properties", "status"));
        Assert.Equal(WireNames.AllReferrerClasses, EnumOf("session.schema.json", "properties", "referrer_class"));
        Assert.Equal(WireNames.AllPostActions, EnumOf("post.schema.json", "properties", "action"));
        Assert.Equal(AttributionModels.All, EnumOf("campaigns.schema.json", "$defs", "attribution", "properties", "reporting_model"));
        Assert.Equal(WireNames.AllPlatforms, EnumOf("replay-report.schema.json", "$defs", "content", "properties", "platform"));
    }

    [Fact]
    public void Schemas_EveryFile_HasAnIdMatchingItsNameATitleAndDescriptions()
    {
        var files = Directory.GetFiles(SchemaFiles.SchemasDirectory, "*.schema.json").Select(path => Path.GetFileName(path)!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(
            ["campaigns.schema.json", "click.schema.json", "conversion.schema.json", "engagement.schema.json", "event-line.schema.json", "impression.schema.json", "insight.schema.json", "lead_update.schema.json", "post.schema.json", "replay-report.schema.json", "session.schema.json"],
            files);
        foreach (var file in files)
        {
            var root = JsonNode.Parse(File.ReadAllText(Path.Combine(SchemaFiles.SchemasDirectory, file)))!.AsObject();
            Assert.Equal("https://creatorstream.example/schemas/" + file, root["$id"]!.GetValue<string>());
            Assert.Equal(new Uri(root["$id"]!.GetValue<string>()), SchemaFiles.Validator.IdOf(file));
            Assert.False(string.IsNullOrWhiteSpace(root["title"]?.GetValue<string>()), file);
            Assert.False(string.IsNullOrWhiteSpace(root["description"]?.GetValue<string>()), file);
            Assert.Empty(Undocumented(root, file));
        }
    }

    /// <summary>Every member of a <c>properties</c> or <c>$defs</c> object that has no description of its own.</summary>
    private static IEnumerable<string> Undocumented(JsonNode? node, string at) => node switch
    {
        JsonObject o => o.SelectMany(member =>
        {
            var nested = Undocumented(member.Value, $"{at}/{member.Key}");
            return member.Key is "properties" or "$defs" && member.Value is JsonObject children
                ? children.Where(child => child.Value is JsonObject schema && !schema.ContainsKey("description")).Select(child => $"{at}/{member.Key}/{child.Key}").Concat(nested)
                : nested;
        }),
        JsonArray a => a.SelectMany((item, i) => Undocumented(item, $"{at}/{i}")),
        _ => [],
    };

    private static IEnumerable<string> EnumOf(string schema, params string[] path)
    {
        JsonNode node = JsonNode.Parse(File.ReadAllText(Path.Combine(SchemaFiles.SchemasDirectory, schema)))!;
        foreach (var name in path)
        {
            node = node[name]!;
        }

        return node["enum"]!.AsArray().Where(value => value is not null).Select(value => value!.GetValue<string>()); // null: an optional field's "absent"
    }

    private static string Edit(string example, string member, string value) => Edit(SchemaFiles.ExampleNode(example).AsObject(), member, value);

    private static string Edit(JsonObject node, string member, string value)
    {
        if (value == Absent)
        {
            Assert.True(node.Remove(member), $"no member {member} to remove");
        }
        else
        {
            node[member] = JsonNode.Parse(value);
        }

        return node.ToJsonString();
    }

    /// <summary>Sets or removes the member at a slash-separated path (array indexes as numbers).</summary>
    private static string EditAt(JsonNode root, string path, string value)
    {
        var names = path.Split('/');
        var parent = root;
        foreach (var name in names[..^1])
        {
            parent = parent is JsonArray array ? array[int.Parse(name, System.Globalization.CultureInfo.InvariantCulture)]! : parent[name]!;
        }

        Edit(parent.AsObject(), names[^1], value);
        return root.ToJsonString();
    }
}
