using System.Text;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Testing;

namespace CreatorStream.Core.Tests.Decoding;

public sealed class EventDecoderTests
{
    private readonly EventDecoder _decoder = new();

    public static TheoryData<StreamEvent> AllTypes() =>
    [
        EventBuilder.Impression("u1", EventBuilder.T0) with { IpHash = "ip-1", DeviceId = "d-1", Country = "DE", UserAgentHash = "ua" },
        EventBuilder.Engagement("u1", EventBuilder.T0, EngagementKind.Comment) with { CommentText = "so good \"quoted\" ✨", AccountAgeDays = 900 },
        EventBuilder.Click("u1", EventBuilder.T0) with { UtmSource = "ig", UtmMedium = "social", UtmCampaign = "spring", UtmContent = "post-1", AffiliateId = "aff", DwellMs = 1200, Pages = 3 },
        EventBuilder.Conversion("u1", EventBuilder.T0, 49.99m) with { PromoCode = "ANNA10", LinkId = "lnk-anna" },
        EventBuilder.Conversion("u1", EventBuilder.T0, -49.99m, campaign: null),
        EventBuilder.Session("u1", EventBuilder.T0, 65_000, 4, bounced: false, click: "c1", link: "lnk-anna") with
        {
            UtmSource = "ig", UtmMedium = "social", UtmCampaign = "spring", UtmContent = "post-1", ReferrerClass = ReferrerClass.Social,
        },
        EventBuilder.Session("u1", EventBuilder.T0, 0, 1, bounced: true),
    ];

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Decode_WrittenEvent_RoundTripsToAnEqualEvent(StreamEvent original)
    {
        var result = _decoder.Decode(EventWriter.ToUtf8(original, includeType: true));

        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(EventBuilder.AsDecoded(original), result.Event);
    }

    [Fact]
    public void Decode_TopicTypeWithoutTypeField_UsesTheTopicType()
    {
        var bytes = EventWriter.ToUtf8(EventBuilder.Click("u1", EventBuilder.T0), includeType: false);

        var result = _decoder.Decode(bytes, EventType.Click);

        Assert.IsType<Click>(result.Event);
    }

    [Theory]
    [InlineData("""{"type":"impression","event_id":"e1","ts":1767225600000""", DeadLetterReason.InvalidJson)]
    [InlineData("not json", DeadLetterReason.InvalidJson)]
    [InlineData("""{"type":"impression"} trailing""", DeadLetterReason.InvalidJson)]
    [InlineData("""[1,2,3]""", DeadLetterReason.SchemaViolation)]
    [InlineData("""{"event_id":"e1","ts":1767225600000,"user_id":"u"}""", DeadLetterReason.UnknownEventType)]
    [InlineData("""{"type":"tweet","event_id":"e1"}""", DeadLetterReason.UnknownEventType)]
    [InlineData("""{"type":7,"event_id":"e1"}""", DeadLetterReason.SchemaViolation)]
    [InlineData("""{"type":"impression","event_id":"e1","ts":"yesterday","user_id":"u","campaign_id":"c","creator_id":"a","platform":"instagram","content_id":"p","content_format":"reel"}""", DeadLetterReason.SchemaViolation)]
    [InlineData("""{"type":"impression","event_id":"e1","ts":1767225600000.5,"user_id":"u","campaign_id":"c","creator_id":"a","platform":"instagram","content_id":"p","content_format":"reel"}""", DeadLetterReason.SchemaViolation)]
    [InlineData("""{"type":"impression","event_id":"e1","ts":1767225600000,"user_id":"u","campaign_id":"c","creator_id":"a","platform":"myspace","content_id":"p","content_format":"reel"}""", DeadLetterReason.SchemaViolation)]
    [InlineData("""{"type":"impression","event_id":"e1","ts":1767225600000,"user_id":"u","campaign_id":"c","creator_id":"a","platform":"instagram","content_id":"p"}""", DeadLetterReason.SchemaViolation)]
    [InlineData("""{"type":"engagement","event_id":"e1","ts":1767225600000,"user_id":"u","campaign_id":"c","creator_id":"a","platform":"instagram","content_id":"p","kind":"purchase"}""", DeadLetterReason.SchemaViolation)]
    [InlineData("""{"type":"click","event_id":"","ts":1767225600000,"user_id":"u","campaign_id":"c","creator_id":"a","platform":"instagram","content_id":"p","link_id":"l"}""", DeadLetterReason.SchemaViolation)]
    [InlineData("""{"type":"conversion","event_id":"e1","ts":1767225600000,"user_id":"u","brand_id":"b","order_id":"o","kind":"purchase","value":10,"currency":"usd"}""", DeadLetterReason.SchemaViolation)]
    [InlineData("""{"type":"conversion","event_id":"e1","ts":-5,"user_id":"u","brand_id":"b","order_id":"o","kind":"purchase","value":10,"currency":"USD"}""", DeadLetterReason.TimestampOutOfRange)]
    [InlineData("""{"type":"conversion","event_id":"e1","ts":-9223372036854775808,"user_id":"u","brand_id":"b","order_id":"o","kind":"purchase","value":10,"currency":"USD"}""", DeadLetterReason.TimestampOutOfRange)]
    [InlineData("""{"type":"conversion","event_id":"e1","ts":5,"user_id":"u","brand_id":"b","order_id":"o","kind":"purchase","value":10,"currency":"USD"}""", DeadLetterReason.TimestampOutOfRange)]
    [InlineData("""{"type":"conversion","event_id":"e1","ts":9999999999999,"user_id":"u","brand_id":"b","order_id":"o","kind":"purchase","value":10,"currency":"USD"}""", DeadLetterReason.TimestampOutOfRange)]
    [InlineData("""{"type":"click","extra":{"nested":[[[[[[[[[1]]]]]]]]]}}""", DeadLetterReason.InvalidJson)]
    [InlineData("""{"type":"session","event_id":"e1","ts":1767225600000,"user_id":"u","brand_id":"b","session_id":"s","started_at":1767225600001,"duration_ms":0,"pageviews":1,"bounced":true}""", DeadLetterReason.TimestampOutOfRange)]
    [InlineData("""{"type":"session","event_id":"e1","ts":1767225600000,"user_id":"u","brand_id":"b","session_id":"s","started_at":1767225600000,"duration_ms":0,"pageviews":1}""", DeadLetterReason.SchemaViolation)]
    [InlineData("""{"type":"session","event_id":"e1","ts":1767225600000,"user_id":"u","brand_id":"b","started_at":1767225600000,"duration_ms":0,"pageviews":1,"bounced":true}""", DeadLetterReason.SchemaViolation)]
    [InlineData("""{"type":"session","event_id":"e1","ts":1767225600000,"user_id":"u","brand_id":"b","session_id":"s","started_at":1767225600000,"duration_ms":-1,"pageviews":1,"bounced":true}""", DeadLetterReason.SchemaViolation)]
    [InlineData("""{"type":"session","event_id":"e1","ts":1767225600000,"user_id":"u","brand_id":"b","session_id":"s","started_at":1767225600000,"duration_ms":0,"pageviews":1,"bounced":"yes"}""", DeadLetterReason.SchemaViolation)]
    [InlineData("""{"type":"session","event_id":"e1","ts":1767225600000,"user_id":"u","brand_id":"b","session_id":"s","started_at":1767225600000,"duration_ms":0,"pageviews":1,"bounced":true,"referrer_class":"tv"}""", DeadLetterReason.SchemaViolation)]
    [InlineData("""{"type":"click","event_id":{"nested":1}}""", DeadLetterReason.SchemaViolation)]
    public void Decode_BadRecord_FailsWithTheStableReason(string text, DeadLetterReason expected)
    {
        var result = _decoder.Decode(Encoding.UTF8.GetBytes(text));

        Assert.False(result.IsSuccess);
        Assert.Equal(expected, result.Reason);
        Assert.False(string.IsNullOrEmpty(result.Message));
    }

    [Fact]
    public void Decode_InvalidUtf8InAString_IsInvalidJson()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"type":"impression","event_id":"e\u0001","user_id":"X"}""").ToList();
        var at = bytes.IndexOf((byte)'X');
        bytes[at] = 0xC3; // a lead byte with no continuation

        var result = _decoder.Decode(bytes.ToArray());

        Assert.Equal(DeadLetterReason.InvalidJson, result.Reason);
    }

    [Fact]
    public void Decode_RecordOverTheSizeLimit_IsOversize()
    {
        var decoder = new EventDecoder(new DecoderLimits { MaxRecordBytes = 100 });
        var bytes = EventWriter.ToUtf8(EventBuilder.Impression(new string('u', 200), EventBuilder.T0), includeType: true);

        Assert.Equal(DeadLetterReason.Oversize, decoder.Decode(bytes).Reason);
    }

    [Fact]
    public void Decode_IdLongerThanTheLimit_IsASchemaViolation()
    {
        var bytes = EventWriter.ToUtf8(EventBuilder.Impression(new string('u', 300), EventBuilder.T0), includeType: true);

        var result = _decoder.Decode(bytes);

        Assert.Equal(DeadLetterReason.SchemaViolation, result.Reason);
        Assert.Contains("user_id", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_TypeFieldDisagreeingWithTheTopic_IsASchemaViolation()
    {
        var bytes = EventWriter.ToUtf8(EventBuilder.Click("u1", EventBuilder.T0), includeType: true);

        Assert.Equal(DeadLetterReason.SchemaViolation, _decoder.Decode(bytes, EventType.Impression).Reason);
    }

    [Theory]
    [InlineData("user", "FF")] // in an id
    [InlineData("user", "C0AF")] // overlong '/'
    [InlineData("user", "EDA080")] // an encoded surrogate
    [InlineData("user", "F4908080")] // past U+10FFFF
    [InlineData("user", "E282")] // a cut sequence
    [InlineData("user", "80")] // a stray continuation byte
    [InlineData("instagram", "C328")] // in an enumerated value (was SCHEMA_VIOLATION)
    [InlineData("future", "FF")] // in a field the decoder skips
    public void Decode_InvalidUtf8InAnyString_IsInvalidJson(string inside, string hex)
    {
        // Found by the fuzz test: bytes that are not UTF-8 were counted or classed as a schema violation (an enumerated value).
        var text = Encoding.UTF8.GetString(EventWriter.ToUtf8(EventBuilder.Impression("user", EventBuilder.T0), includeType: true));
        var bytes = Encoding.UTF8.GetBytes(text.Replace("{", "{\"x\":\"future\",", StringComparison.Ordinal));
        var at = bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"\"{inside}\"")) + 2; // after the value's first letter
        bytes = [.. bytes[..at], .. Convert.FromHexString(hex), .. bytes[at..]];

        var result = _decoder.Decode(bytes);

        Assert.Equal(DeadLetterReason.InvalidJson, result.Reason);
    }

    [Fact]
    public void Decode_UnknownFieldsAndNulls_AreIgnored()
    {
        var text = """{"type":"impression","future":{"a":[1,2]},"event_id":"e1","ts":1767225600000,"user_id":"u","campaign_id":"c","creator_id":"a","platform":"tiktok","content_id":"p","content_format":"short","country":null}""";

        var result = _decoder.Decode(Encoding.UTF8.GetBytes(text));

        var impression = Assert.IsType<Impression>(result.Event);
        Assert.Equal(Platform.TikTok, impression.Platform);
        Assert.Equal(ContentFormat.Short, impression.ContentFormat);
        Assert.Null(impression.Country);
    }

    [Fact]
    public void Decode_LongNonAsciiCommentTheWriterEscapes_RoundTrips()
    {
        // 700 × "✨" is 2,100 bytes of text; the writer escapes each as \u2728 (4,200 bytes), over the 4,096 limit.
        var original = EventBuilder.Engagement("u1", EventBuilder.T0, EngagementKind.Comment) with { CommentText = string.Concat(Enumerable.Repeat("✨", 700)) };

        var result = _decoder.Decode(EventWriter.ToUtf8(original, includeType: true));

        Assert.Equal(original, result.Event);
    }

    [Fact]
    public void Decode_EscapedPropertyName_IsRecognised()
    {
        var text = """{"type":"impression","event\u005fid":"e1","ts":1767225600000,"user_id":"u","campaign_id":"c","creator_id":"a","platform":"x","content_id":"p","content_format":"post"}""";

        Assert.Equal("e1", _decoder.Decode(Encoding.UTF8.GetBytes(text)).Event?.EventId);
    }

    // An event_id becomes its key (EventIdKey) as it is read: short ones unescaped on the stack (a packed id or a UUID
    // then makes no string), long ones (over 128 raw bytes) through a string; each the key of the id it spells, on every
    // event type, and written back as the same JSON.
    [Theory]
    [InlineData("impression", "ev-2a-12")]
    [InlineData("engagement", "0438691b-7b1f-4219-8864-fa2f7e75b960")]
    [InlineData("click", "0438691B-7B1F-4219-8864-FA2F7E75B960")] // upper case: kept as its string
    [InlineData("impression", "ev-\\u00e9t\\u00e9-\\\\-\\\"q\\\"")] // escaped: ev-été-\-"q"
    [InlineData("engagement", "e\\u0031")] // escaped, and packed once unescaped: "e1"
    [InlineData("click", "an id longer than sixteen characters with spaces")]
    [InlineData("conversion", "ev-conv-7")]
    [InlineData("impression", "long-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")] // 200 bytes: past the 128 unescaped on the stack
    public void Decode_EventId_IsTheKeyOfItsText_AndWritesBackTheSame(string type, string json)
    {
        var id = System.Text.Json.JsonSerializer.Deserialize<string>($"\"{json}\"")!;
        var record = type switch
        {
            "impression" => $$"""{"type":"impression","event_id":"{{json}}","ts":1767225600000,"user_id":"u","campaign_id":"c","creator_id":"a","platform":"x","content_id":"p","content_format":"post"}""",
            "engagement" => $$"""{"type":"engagement","event_id":"{{json}}","ts":1767225600000,"user_id":"u","campaign_id":"c","creator_id":"a","platform":"tiktok","content_id":"p","kind":"like"}""",
            "click" => $$"""{"type":"click","event_id":"{{json}}","ts":1767225600000,"user_id":"u","campaign_id":"c","creator_id":"a","platform":"tiktok","content_id":"p","link_id":"l"}""",
            _ => $$"""{"type":"conversion","event_id":"{{json}}","ts":1767225600000,"user_id":"u","brand_id":"b","order_id":"o","kind":"purchase","value":10,"currency":"USD"}""",
        };

        var e = _decoder.Decode(Encoding.UTF8.GetBytes(record)).Event!;

        Assert.Equal(id, e.EventId);
        Assert.Equal(EventIdKey.Of(id), e.IdKey);
        var again = _decoder.Decode(EventWriter.ToUtf8(e, includeType: true)).Event!;
        Assert.Equal(e, again);
        Assert.Equal(id, again.EventId);
    }

    // A user_id becomes its key as the event id does, with its UserHash made from the same chars.
    [Theory]
    [InlineData("impression", "u-c06ea1e92a")]
    [InlineData("engagement", "0438691b-7b1f-4219-8864-fa2f7e75b960")]
    [InlineData("click", "user with spaces and more than sixteen")]
    [InlineData("impression", "u-\\u00e9\\\\\\\"")] // escaped: u-é\"
    [InlineData("conversion", "u-7")]
    [InlineData("session", "u-8")]
    public void Decode_UserId_IsTheKeyOfItsText_WithItsHash_AndWritesBackTheSame(string type, string json)
    {
        var id = System.Text.Json.JsonSerializer.Deserialize<string>($"\"{json}\"")!;
        var record = type switch
        {
            "impression" => $$"""{"type":"impression","event_id":"e1","ts":1767225600000,"user_id":"{{json}}","campaign_id":"c","creator_id":"a","platform":"x","content_id":"p","content_format":"post"}""",
            "engagement" => $$"""{"type":"engagement","event_id":"e1","ts":1767225600000,"user_id":"{{json}}","campaign_id":"c","creator_id":"a","platform":"tiktok","content_id":"p","kind":"like"}""",
            "click" => $$"""{"type":"click","event_id":"e1","ts":1767225600000,"user_id":"{{json}}","campaign_id":"c","creator_id":"a","platform":"tiktok","content_id":"p","link_id":"l"}""",
            "conversion" => $$"""{"type":"conversion","event_id":"e1","ts":1767225600000,"user_id":"{{json}}","brand_id":"b","order_id":"o","kind":"purchase","value":10,"currency":"USD"}""",
            _ => $$"""{"type":"session","event_id":"e1","ts":1767225600000,"user_id":"{{json}}","brand_id":"b","session_id":"s","started_at":1767225600000,"duration_ms":0,"pageviews":1,"bounced":true}""",
        };

        var e = _decoder.Decode(Encoding.UTF8.GetBytes(record)).Event!;

        Assert.Equal((id, EventIdKey.Of(id), Core.Sketches.UserHash.Of(id)), (e.UserId, e.UserIdKey, e.UserKey));
        var again = _decoder.Decode(EventWriter.ToUtf8(e, includeType: true)).Event!;
        Assert.Equal(e, again);
    }

    [Theory]
    [InlineData("event_id", "\"\"")]
    [InlineData("event_id", "\"   \"")]
    [InlineData("event_id", "\"\\t\\n\"")] // escaped white space
    [InlineData("event_id", "42")]
    [InlineData("event_id", "null")]
    [InlineData("user_id", "\"\"")]
    [InlineData("user_id", "\" \"")]
    [InlineData("user_id", "7")]
    [InlineData("user_id", "null")]
    public void Decode_IdEmptyBlankOrNotAString_IsASchemaViolationNamingIt(string field, string json)
    {
        var ids = field == "event_id" ? $"\"event_id\":{json},\"user_id\":\"u\"" : $"\"event_id\":\"e1\",\"user_id\":{json}";
        var record = $$"""{"type":"impression",{{ids}},"ts":1767225600000,"campaign_id":"c","creator_id":"a","platform":"x","content_id":"p","content_format":"post"}""";

        var result = _decoder.Decode(Encoding.UTF8.GetBytes(record));

        Assert.Equal(DeadLetterReason.SchemaViolation, result.Reason);
        Assert.Contains(field, result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(256, null)] // at the id limit: an id
    [InlineData(257, DeadLetterReason.SchemaViolation)]
    public void Decode_EventIdOverTheIdLimit_IsASchemaViolation(int length, DeadLetterReason? expected)
    {
        var record = $$"""{"type":"impression","event_id":"{{new string('e', length)}}","ts":1767225600000,"user_id":"u","campaign_id":"c","creator_id":"a","platform":"x","content_id":"p","content_format":"post"}""";

        var result = _decoder.Decode(Encoding.UTF8.GetBytes(record));

        Assert.Equal(expected, result.Event is null ? result.Reason : null);
        if (expected is null)
        {
            Assert.Equal(new string('e', length), result.Event!.EventId);
        }
        else
        {
            Assert.Contains("event_id", result.Message, StringComparison.Ordinal);
        }
    }

    // ip_hash, device_id and user_agent_hash become their keys (IdentifierKey) without a string: short ones unescaped on
    // the stack, long ones (over 128 raw bytes) through a string, and each the key of the text it spells.
    [Theory]
    [InlineData("ip-1")]
    [InlineData("ip-\\u00e9t\\u00e9-\\ud83d\\ude00")] // escaped: "ip-été-😀"
    [InlineData("ip-ßü✓")]
    [InlineData("long-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")] // 200 bytes: past the 128 unescaped on the stack
    public void Decode_Identifiers_AreTheKeysOfTheirText(string json)
    {
        var text = System.Text.Json.JsonSerializer.Deserialize<string>($"\"{json}\"")!;
        var record = $$"""{"type":"engagement","event_id":"e1","ts":1767225600000,"user_id":"u","campaign_id":"c","creator_id":"a","platform":"tiktok","content_id":"p","kind":"like","ip_hash":"{{json}}","device_id":"d-{{json}}","user_agent_hash":"ua-{{json}}"}""";

        var e = Assert.IsType<Engagement>(_decoder.Decode(Encoding.UTF8.GetBytes(record)).Event);

        Assert.Equal((IdentifierKey.Of(text), IdentifierKey.Of("d-" + text), IdentifierKey.Of("ua-" + text)), (e.IpKey, e.DeviceKey, e.UserAgentKey));
        Assert.Equal((null, null, null), (e.IpHash, e.DeviceId, e.UserAgentHash));
        Assert.NotEqual(IdentifierKey.None, e.IpKey);
    }

    [Theory]
    [InlineData("ip_hash", 257, DeadLetterReason.SchemaViolation)] // over the id limit (256 bytes)
    [InlineData("device_id", 257, DeadLetterReason.SchemaViolation)]
    [InlineData("user_agent_hash", 4_097, DeadLetterReason.SchemaViolation)] // over the text limit
    public void Decode_IdentifierOverItsLimit_IsASchemaViolationNamingIt(string field, int length, DeadLetterReason expected)
    {
        var record = $$"""{"type":"impression","event_id":"e1","ts":1767225600000,"user_id":"u","campaign_id":"c","creator_id":"a","platform":"x","content_id":"p","content_format":"post","{{field}}":"{{new string('x', length)}}"}""";

        var result = _decoder.Decode(Encoding.UTF8.GetBytes(record));

        Assert.Equal(expected, result.Reason);
        Assert.Contains(field, result.Message, StringComparison.Ordinal);
        Assert.True(_decoder.Decode(Encoding.UTF8.GetBytes(record.Replace(new string('x', length), new string('x', length - 1), StringComparison.Ordinal))).IsSuccess);
    }

    [Fact]
    public void Decode_IdentifierNotAString_IsASchemaViolation()
    {
        var record = """{"type":"impression","event_id":"e1","ts":1767225600000,"user_id":"u","campaign_id":"c","creator_id":"a","platform":"x","content_id":"p","content_format":"post","device_id":42}""";

        var result = _decoder.Decode(Encoding.UTF8.GetBytes(record));

        Assert.Equal((DeadLetterReason.SchemaViolation, "device_id must be a string"), (result.Reason, result.Message));
    }

    [Fact]
    public void Write_ADecodedEventWithAnIdentifier_IsRefusedRatherThanDroppingIt()
    {
        var decoded = _decoder.Decode(EventWriter.ToUtf8(EventBuilder.Impression("u1", EventBuilder.T0) with { DeviceId = "d-1" }, includeType: true)).Event!;

        var error = Assert.Throws<InvalidOperationException>(() => EventWriter.ToUtf8(decoded, includeType: true));

        Assert.Contains("device_id", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(EventWriter.ToUtf8(_decoder.Decode(EventWriter.ToUtf8(EventBuilder.Impression("u1", EventBuilder.T0), includeType: true)).Event!, includeType: true));
    }

    [Fact]
    public void Decode_KeepingIdentifierText_GivesTextAndKeys_SoTheEventWritesItsJsonAgain()
    {
        var original = EventBuilder.Click("u1", EventBuilder.T0) with { IpHash = "ip-1", DeviceId = "d-é", UserAgentHash = "ua-1" };
        var json = EventWriter.ToUtf8(original, includeType: true);

        var kept = new EventDecoder { KeepsIdentifierText = true }.Decode(json).Event!;

        Assert.Equal(original, kept);
        Assert.Equal((IdentifierKey.Of("ip-1"), IdentifierKey.Of("d-é"), IdentifierKey.Of("ua-1")), (((Click)kept).IpKey, ((Click)kept).DeviceKey, ((Click)kept).UserAgentKey));
        Assert.Equal(json, EventWriter.ToUtf8(kept, includeType: true));
        Assert.Equal(EventBuilder.AsDecoded(original), _decoder.Decode(json).Event); // the pipeline's decoder keeps the keys alone
    }
}
