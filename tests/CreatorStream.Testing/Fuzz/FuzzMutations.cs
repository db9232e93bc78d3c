using System.Globalization;
using System.Text;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;

namespace CreatorStream.Testing.Fuzz;

/// <summary>Makes one bad record of a given <see cref="FuzzKind"/> from a valid event, labelled with the reason it must get. Not thread-safe.</summary>
internal sealed class FuzzMutations(FuzzOptions options, Random rng)
{
    private static readonly byte[][] NotUtf8 =
    [
        [0xFF], [0xFE], [0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xC3, 0x28],
    ];

    private static readonly string[] Required = ["event_id", "ts", "user_id"];

    private bool Lines => options.Target == FuzzTarget.JsonLines;

    public FuzzRecord Make(FuzzKind kind, StreamEvent e)
    {
        var edit = new JsonEdit(e);
        var topic = e.Type;
        (byte[] Value, DeadLetterReason Reason) made = kind switch
        {
            FuzzKind.TruncatedJson => (Truncate(edit.ToBytes()), DeadLetterReason.InvalidJson),
            FuzzKind.WrongType => (WrongType(edit), DeadLetterReason.SchemaViolation),
            FuzzKind.MissingField => (MissingField(edit, e), DeadLetterReason.SchemaViolation),
            FuzzKind.MissingType => (Remove(edit, "type"), DeadLetterReason.UnknownEventType),
            FuzzKind.UnknownEnum => (UnknownEnum(edit, e), DeadLetterReason.SchemaViolation),
            FuzzKind.UnknownEventType => (Set(edit, "type", Pick("refund", "tweet", "", "impressions", "view")), DeadLetterReason.UnknownEventType),
            FuzzKind.HugeString => (HugeString(edit, e), DeadLetterReason.SchemaViolation),
            FuzzKind.HugeNumber => (HugeNumber(edit, e), DeadLetterReason.SchemaViolation),
            FuzzKind.DeepNesting => (edit.Raw("extra", Nested(Pick(9, 64, 1_000, 20_000))).ToBytes(), DeadLetterReason.InvalidJson),
            FuzzKind.InvalidUtf8 => (InvalidUtf8(edit), DeadLetterReason.InvalidJson),
            FuzzKind.ControlCharacter => (InString(edit, [ControlByte()]), DeadLetterReason.InvalidJson),
            FuzzKind.NegativeTimestamp => (Ts(edit, Pick(-1, -e.Ts, long.MinValue, -86_400_000L)), DeadLetterReason.TimestampOutOfRange),
            FuzzKind.AncientTimestamp => (Ts(edit, Pick(0, e.Ts / 1000, 946_684_799_999L, rng.NextInt64(1, 946_684_800_000))), DeadLetterReason.TimestampOutOfRange),
            FuzzKind.FarFutureTimestamp => (Ts(edit, Pick(e.Ts * 1000, long.MaxValue, 4_102_444_800_001L, rng.NextInt64(4_102_444_800_001, long.MaxValue))), DeadLetterReason.TimestampOutOfRange),
            FuzzKind.FutureSkew => (Ts(edit, FarAheadOfTheWallClock()), DeadLetterReason.TimestampOutOfRange),
            FuzzKind.UnknownCampaign => (UnknownCampaign(edit, e), DeadLetterReason.UnknownCampaign),
            FuzzKind.UnknownCreator => (Set(edit, "creator_id", $"ghost-creator-{rng.Next(100)}"), DeadLetterReason.UnknownCreator),
            FuzzKind.Oversize => (Oversize(edit), DeadLetterReason.Oversize),
            FuzzKind.NotAnObject => (NotAnObject(edit), DeadLetterReason.SchemaViolation),
            FuzzKind.Garbage => (Garbage(edit), DeadLetterReason.InvalidJson),
            FuzzKind.EmptyObject => ("{}"u8.ToArray(), Lines ? DeadLetterReason.UnknownEventType : DeadLetterReason.SchemaViolation),
            FuzzKind.TopicMismatch => (edit.ToBytes(), DeadLetterReason.SchemaViolation),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "no mutation for this kind"),
        };

        if (kind == FuzzKind.TopicMismatch)
        {
            topic = (EventType)(((int)e.Type + 1 + rng.Next(3)) % 4);
        }

        // On a topic, some keys are bytes that are not UTF-8: the dead letter must carry them verbatim too.
        var key = !Lines && rng.Next(10) == 0 ? RandomBytes(rng.Next(1, 40)) : Encoding.UTF8.GetBytes(e.UserId);
        return new FuzzRecord(topic, key, made.Value, kind, DeadLetterReasons.Code(made.Reason));
    }

    private T Pick<T>(params T[] choices) => choices[rng.Next(choices.Length)];

    private byte[] Truncate(byte[] json) => json[..rng.Next(1, json.Length - 1)];

    private static byte[] Set(JsonEdit edit, string field, string value)
    {
        edit.Object[field] = value;
        return edit.ToBytes();
    }

    private static byte[] Remove(JsonEdit edit, string field)
    {
        edit.Object.Remove(field);
        return edit.ToBytes();
    }

    private static byte[] Ts(JsonEdit edit, long ts) => edit.Raw("ts", ts.ToString(CultureInfo.InvariantCulture)).ToBytes();

    private byte[] WrongType(JsonEdit edit)
    {
        var field = Pick([.. edit.Object.Select(p => p.Key)]);
        var raw = field switch
        {
            "ts" or "dwell_ms" or "pages" or "account_age_days" => Pick("\"123\"", "true", "[1]", "{}", "12.5"),
            "value" => Pick("\"10.00\"", "true", "[]", "{}"),
            _ => Pick("42", "true", "false", "[]", "{\"a\":1}", "1.5"),
        };
        return edit.Raw(field, raw).ToBytes();
    }

    private byte[] MissingField(JsonEdit edit, StreamEvent e)
    {
        string[] required = e switch
        {
            Impression => [.. Required, "campaign_id", "creator_id", "content_id", "platform", "content_format"],
            Engagement => [.. Required, "campaign_id", "creator_id", "content_id", "platform", "kind"],
            Click => [.. Required, "campaign_id", "creator_id", "content_id", "platform", "link_id"],
            _ => [.. Required, "brand_id", "order_id", "kind", "value", "currency"],
        };
        var field = Pick(required);
        return rng.Next(3) == 0 && field is not ("ts" or "value")
            ? Set(edit, field, Pick("", "   ", "\t"))
            : Remove(edit, field);
    }

    private byte[] UnknownEnum(JsonEdit edit, StreamEvent e) => e switch
    {
        Impression when rng.Next(2) == 0 => Set(edit, "content_format", Pick("hologram", "gif", "")),
        Engagement when rng.Next(2) == 0 => Set(edit, "kind", Pick("dislike", "retweet", "")),
        AudienceEvent => Set(edit, "platform", Pick("myspace", "vine", "orkut", "")),
        _ when rng.Next(2) == 0 => Set(edit, "kind", Pick("gift_card", "refund", "")),
        _ => Set(edit, "currency", Pick("usd", "EURO", "US", "€€€")),
    };

    private byte[] HugeString(JsonEdit edit, StreamEvent e)
    {
        if (e is Engagement && rng.Next(3) == 0)
        {
            edit.Object["comment_text"] = "";
        }

        // Free text has its own, larger limit; multi-byte text is under the limit in characters, over it in bytes.
        var field = Pick([.. edit.StringFields]);
        var limit = field is "comment_text" or "user_agent_hash" ? options.Limits.MaxTextBytes : options.Limits.MaxIdBytes;
        var value = rng.Next(3) switch
        {
            0 => new string('x', limit + 1 + rng.Next(2_000)),
            1 => string.Concat(Enumerable.Repeat("é", (limit / 2) + 1 + rng.Next(100))),
            _ => string.Concat(Enumerable.Repeat("😀", (limit / 4) + 1 + rng.Next(100))),
        };
        return Set(edit, field, value);
    }

    private byte[] HugeNumber(JsonEdit edit, StreamEvent e)
    {
        var (field, raw) = (e, rng.Next(2)) switch
        {
            (Conversion, 0) => ("value", Pick("1e400", "-1e400", "79228162514264337593543950336", "1e29")),
            (Click, 0) => Pick(("pages", "4294967296"), ("pages", "1e10"), ("dwell_ms", "9223372036854775808")),
            (Engagement, 0) => ("account_age_days", Pick("3000000000", "1e12")),
            _ => ("ts", Pick("1e400", "99999999999999999999", "-99999999999999999999", "1767225600000.5", "1.7672256E12")),
        };
        return edit.Raw(field, raw).ToBytes();
    }

    private static string Nested(int depth) => depth <= 1_000
        ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)
        : new string('[', depth) + new string(']', depth);

    private byte[] InvalidUtf8(JsonEdit edit)
    {
        var bytes = Pick(NotUtf8);
        switch (rng.Next(3))
        {
            case 0:
                return InString(edit, bytes);
            case 1:
                edit.Object["x_note"] = JsonEdit.Hole; // a field the decoder skips
                return edit.ToBytes(bytes);
            default:
                edit.Object["x" + JsonEdit.Hole] = 1; // a field name
                return edit.ToBytes(bytes);
        }
    }

    /// <summary>Raw <paramref name="bytes"/> in the middle of one of the record's string values.</summary>
    private byte[] InString(JsonEdit edit, byte[] bytes)
    {
        var field = Pick([.. edit.StringFields]);
        var value = edit.Object[field]!.GetValue<string>();
        edit.Object[field] = value[..(value.Length / 2)] + JsonEdit.Hole + value[(value.Length / 2)..];
        return edit.ToBytes(bytes);
    }

    private byte ControlByte()
    {
        // A line break would end a JSON Lines record (and a trailing CR is trimmed): only topics get those.
        byte b;
        do
        {
            b = (byte)rng.Next(0x20);
        }
        while (Lines && b is 0x0A or 0x0D);
        return b;
    }

    private long FarAheadOfTheWallClock()
    {
        var skew = (long)(options.MaxFutureSkew ?? throw new InvalidOperationException("FutureSkew needs MaxFutureSkew")).TotalMilliseconds;
        var now = options.WallClockMs ?? throw new InvalidOperationException("FutureSkew needs WallClockMs");
        return now + skew + rng.NextInt64(5 * 60_000, 30L * 86_400_000);
    }

    private byte[] UnknownCampaign(JsonEdit edit, StreamEvent e)
    {
        if (e is Conversion && rng.Next(2) == 0)
        {
            edit.Object.Remove("campaign_id");
            return Set(edit, "brand_id", $"ghost-brand-{rng.Next(100)}");
        }

        return Set(edit, "campaign_id", $"ghost-campaign-{rng.Next(100)}");
    }

    private byte[] Oversize(JsonEdit edit)
    {
        var json = edit.ToBytes();
        var target = rng.Next(30) == 0 ? options.MaxOversizeBytes : options.Limits.MaxRecordBytes + 1 + rng.Next(options.Limits.MaxRecordBytes);
        return Set(edit, "padding", new string('p', Math.Max(0, target - (json.Length + 13))));
    }

    private byte[] NotAnObject(JsonEdit edit) => rng.Next(6) switch
    {
        0 => [(byte)'[', .. edit.ToBytes(), (byte)']'],
        1 => "\"just a string\""u8.ToArray(),
        2 => "42"u8.ToArray(),
        3 => "null"u8.ToArray(),
        4 => "true"u8.ToArray(),
        _ => "[]"u8.ToArray(),
    };

    private byte[] Garbage(JsonEdit edit) => rng.Next(Lines ? 5 : 6) switch
    {
        0 => "<html><body><h1>502 Bad Gateway</h1></body></html>"u8.ToArray(),
        1 => [.. edit.ToBytes(), .. edit.ToBytes()],
        2 => [.. edit.ToBytes(), .. " trailing"u8],
        3 => [(byte)'<', .. RandomBytes(rng.Next(1, 200))],
        4 => "{bad"u8.ToArray(),
        _ => [], // an empty message (a topic only: a blank line in a file is skipped, as JSON Lines allows)
    };

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        rng.NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] is 0x0A or 0x0D)
            {
                bytes[i] = 0xFF; // no line breaks: a JSON Lines record is one line
            }
        }

        return bytes;
    }
}
