using System.Buffers.Binary;
using System.Text;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Dataflow;

/// <summary>
/// An impression, engagement or click on the brand topic as the fields its source task decoded, not its JSON
/// (decision 0037; docs/design.md, "Dataflow"). A brand task reads it into an event from its
/// decoder's pools, as decoding the JSON would have filled one, without parsing it again: decoding was a fifth of the
/// busiest brand task's time. An audience event can no longer become a dead letter once its source task accepted it
/// (only a conversion, lead update or session can), and it waits for event time without its record's bytes, so the
/// brand stage never needs them.
/// <code>
/// u8 layout (1) | id | user id | u64 user key | i64 ts | str campaign | str creator | str content | u8 platform | u64 ip key |
/// u64 device key | u64 user agent key | str? country | then an impression's u8 format; an engagement's u8 kind,
/// str? comment, i64? account age; a click's str link, str? utm source, medium, campaign and content, str? affiliate,
/// i64? dwell, i64? pages
/// id:   u8 shape (0 packed, 1 UUID: u64 high, u64 low; 2 kept: str)
/// str:  i32 length (−1: null) | UTF-8;  i64?: u8 has | i64
/// </code>
/// Little-endian. What it carries is what the brand task's decoder keeps: the identifiers as keys, without their text.
/// A field added to an audience event needs a new layout (read beside the old one by the build that writes it); a build
/// refuses a layout it does not know with a <see cref="FormatException"/>, which fails the brand task's batch as any
/// malformed brand-topic record does, so brand stages are upgraded before source stages.
/// </summary>
internal static class PackedAudienceEvent
{
    /// <summary>The layout this build writes, and the only one it reads.</summary>
    public const byte Layout = 1;

    private const byte Packed = 0;
    private const byte Uuid = 1;
    private const byte Kept = 2;

    /// <summary>Whether <paramref name="e"/> travels packed: an impression, engagement or click.</summary>
    public static bool Carries(StreamEvent? e) => e is Impression or Engagement or Click;

    /// <summary>The bytes <see cref="Write"/> takes for <paramref name="e"/>.</summary>
    public static int Length(AudienceEvent e)
    {
        var length = 1 + Id(e.IdKey) + Id(e.UserIdKey) + 8 + 8 + Text(e.CampaignId) + Text(e.CreatorId) + Text(e.ContentId) + 1 + (3 * 8) + Text(e.Country);
        return length + e switch
        {
            Impression => 1,
            Engagement g => 1 + Text(g.CommentText) + Number(g.AccountAgeDays),
            Click c => Text(c.LinkId) + Text(c.UtmSource) + Text(c.UtmMedium) + Text(c.UtmCampaign) + Text(c.UtmContent) + Text(c.AffiliateId) + Number(c.DwellMs) + Number(c.Pages),
            _ => throw NotCarried(e),
        };
    }

    /// <summary>Writes <paramref name="e"/> at the start of <paramref name="span"/>, which has <see cref="Length"/> bytes or more; returns that length.</summary>
    public static int Write(AudienceEvent e, Span<byte> span)
    {
        span[0] = Layout;
        var at = WriteId(e.IdKey, span, 1);
        at = WriteId(e.UserIdKey, span, at);
        at = WriteLong(span, at, (long)e.UserKey);
        at = WriteLong(span, at, e.Ts);
        at = WriteText(span, at, e.CampaignId);
        at = WriteText(span, at, e.CreatorId);
        at = WriteText(span, at, e.ContentId);
        span[at++] = (byte)e.Platform;
        at = WriteLong(span, at, (long)e.IpKey);
        at = WriteLong(span, at, (long)e.DeviceKey);
        at = WriteLong(span, at, (long)e.UserAgentKey);
        at = WriteText(span, at, e.Country);
        switch (e)
        {
            case Impression impression:
                span[at++] = (byte)impression.ContentFormat;
                break;
            case Engagement engagement:
                span[at++] = (byte)engagement.Kind;
                at = WriteText(span, at, engagement.CommentText);
                at = WriteNumber(span, at, engagement.AccountAgeDays);
                break;
            case Click click:
                at = WriteText(span, at, click.LinkId);
                at = WriteText(span, at, click.UtmSource);
                at = WriteText(span, at, click.UtmMedium);
                at = WriteText(span, at, click.UtmCampaign);
                at = WriteText(span, at, click.UtmContent);
                at = WriteText(span, at, click.AffiliateId);
                at = WriteNumber(span, at, click.DwellMs);
                at = WriteNumber(span, at, click.Pages);
                break;
            default:
                throw NotCarried(e);
        }

        return at;
    }

    /// <summary>
    /// Reads what <see cref="Write"/> wrote as an event of <paramref name="type"/>, filled as <paramref name="decoder"/>
    /// fills one (from its pools, with its shared ids). Throws <see cref="FormatException"/> on bytes it did not write.
    /// </summary>
    public static AudienceEvent Read(ReadOnlySpan<byte> span, EventType type, EventDecoder decoder)
    {
        var reader = new Reader(span, decoder.Ids);
        if (reader.Byte() is var layout && layout != Layout)
        {
            throw new FormatException($"a packed audience event of layout {layout}; this build reads layout {Layout}");
        }

        var (eventId, userId, userKey, ts) = (reader.Id(), reader.Id(), (ulong)reader.Long(), reader.Long()); // in the order written
        var (campaignId, creatorId, contentId, platform) = (reader.Shared(), reader.Shared(), reader.Shared(), (Platform)reader.Byte());
        var (ipKey, deviceKey, userAgentKey, country) = ((ulong)reader.Long(), (ulong)reader.Long(), (ulong)reader.Long(), reader.NullableShared());
        var fields = new AudienceFields(eventId, userId, userKey, ts, campaignId, creatorId, platform, contentId, ipKey, deviceKey, userAgentKey, IpHash: null, DeviceId: null, UserAgentHash: null, country);
        // Every field is read, and the bytes checked to end there, before an event is taken from the pool: a malformed
        // record throws with nothing taken.
        switch (type)
        {
            case EventType.Impression:
                var format = (ContentFormat)reader.Byte();
                reader.End();
                var impression = decoder.Pools?.Impressions.Rent() ?? Impression.Empty();
                impression.Reset(fields, format);
                return impression;
            case EventType.Engagement:
                var (kind, comment, accountAgeDays) = ((EngagementKind)reader.Byte(), reader.NullableText(), (int?)reader.NullableLong());
                reader.End();
                var engagement = decoder.Pools?.Engagements.Rent() ?? Engagement.Empty();
                engagement.Reset(fields, kind, comment, accountAgeDays);
                return engagement;
            case EventType.Click:
                var (link, source, medium, campaign, content) = (reader.Shared(), reader.NullableShared(), reader.NullableShared(), reader.NullableShared(), reader.NullableShared());
                var (affiliate, dwellMs, pages) = (reader.NullableShared(), reader.NullableLong(), (int?)reader.NullableLong());
                reader.End();
                var click = decoder.Pools?.Clicks.Rent() ?? Click.Empty();
                click.Reset(fields, link, source, medium, campaign, content, affiliate, dwellMs, pages);
                return click;
            default:
                throw new FormatException($"a packed audience event of type {type}, which is not an audience event's");
        }
    }

    private static ArgumentException NotCarried(StreamEvent e) => new($"no packed form for a {e.GetType().Name}", nameof(e));

    private static int Id(EventIdKey key) => 1 + (key.TryGetBits(out _, out _) ? 16 : Text(key.Shape));

    private static int Text(string? text) => 4 + (text is null ? 0 : Encoding.UTF8.GetByteCount(text));

    private static int Number(long? value) => 1 + (value is null ? 0 : 8);

    private static int WriteId(EventIdKey key, Span<byte> span, int at)
    {
        if (!key.TryGetBits(out var bits, out var isUuid))
        {
            span[at] = Kept;
            return WriteText(span, at + 1, key.Shape);
        }

        span[at] = isUuid ? Uuid : Packed;
        at = WriteLong(span, at + 1, (long)bits.High);
        return WriteLong(span, at, (long)bits.Low);
    }

    private static int WriteLong(Span<byte> span, int at, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(span[at..], value);
        return at + 8;
    }

    private static int WriteNumber(Span<byte> span, int at, long? value)
    {
        span[at] = value is null ? (byte)0 : (byte)1;
        return value is { } v ? WriteLong(span, at + 1, v) : at + 1;
    }

    private static int WriteText(Span<byte> span, int at, string? text)
    {
        if (text is null)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[at..], -1);
            return at + 4;
        }

        var length = Encoding.UTF8.GetBytes(text, span[(at + 4)..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[at..], length);
        return at + 4 + length;
    }

    private ref struct Reader(ReadOnlySpan<byte> span, IdPool ids)
    {
        private readonly ReadOnlySpan<byte> _span = span;
        private int _at;

        public readonly void End()
        {
            if (_at != _span.Length)
            {
                throw new FormatException("a packed audience event with bytes after its last field");
            }
        }

        public byte Byte() => Take(1)[0];

        public long Long() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public long? NullableLong() => Byte() switch
        {
            0 => null,
            1 => Long(),
            var flag => throw new FormatException($"a packed audience event's number flag {flag}"),
        };

        public EventIdKey Id()
        {
            var shape = Byte();
            return shape switch
            {
                Packed or Uuid => EventIdKey.FromBits((ulong)Long(), (ulong)Long(), shape == Uuid), // high, then low
                Kept => EventIdKey.FromParts(0, 0, NullableText() ?? throw new FormatException("a packed audience event's id is null")),
                _ => throw new FormatException($"a packed audience event's id of shape {shape}"),
            };
        }

        public string Shared() => NullableShared() ?? throw new FormatException("a packed audience event's required text is null");

        public string? NullableShared() => Utf8(out var utf8) ? ids.Get(utf8) : null;

        public string? NullableText() => Utf8(out var utf8) ? Encoding.UTF8.GetString(utf8) : null;

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count > _span.Length - _at)
            {
                throw new FormatException("a packed audience event ends before its last field");
            }

            var taken = _span.Slice(_at, count);
            _at += count;
            return taken;
        }

        // False for a null string (a span cannot say null).
        private bool Utf8(out ReadOnlySpan<byte> utf8)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(Take(4));
            utf8 = length switch
            {
                -1 => default,
                < 0 => throw new FormatException($"a packed audience event's text of length {length}"),
                _ => Take(length),
            };
            return length >= 0;
        }
    }
}
