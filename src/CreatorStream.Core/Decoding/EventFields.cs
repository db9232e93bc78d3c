using System.Text.Json;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Decoding;

/// <summary>
/// The fields of one record as read, before the event type is known (a <c>type</c> field may come last).
/// A mutable scratch value that lives on the decoder's stack for one record.
/// </summary>
internal struct EventFields
{
    /// <summary>Longest id (raw bytes) looked up in the pool; longer ones are allocated as they come.</summary>
    private const int PooledMaxChars = IdPool.MaxPooledChars;

    public bool HasType;
    public EventType Type;
    public EventIdKey? EventId; // as its key: a packed id or a UUID is read with no string made
    public long? Ts;
    public string? CampaignId;
    public string? CreatorId;
    public Platform? Platform;
    public string? ContentId;
    public EventIdKey? UserId; // as its key, as the event id, with its hash
    public ulong UserKey;
    public ulong IpKey; // ip_hash, device_id and user_agent_hash as their keys; their text only when the decoder keeps it
    public ulong DeviceKey;
    public ulong UserAgentKey;
    public string? IpHash;
    public string? DeviceId;
    public string? UserAgentHash;
    public bool KeepIdentifierText;
    public AudienceEventPools? Pools; // where decoded audience events come from (EventDecoder.RecyclesAudienceEvents)
    public string? Country;
    public ContentFormat? ContentFormat;
    public string? Kind;
    public string? CommentText;
    public long? AccountAgeDays;
    public string? LinkId;
    public string? UtmSource;
    public string? UtmMedium;
    public string? UtmCampaign;
    public string? UtmContent;
    public string? AffiliateId;
    public long? DwellMs;
    public long? Pages;
    public string? BrandId;
    public string? OrderId;
    public decimal? Value;
    public string? Currency;
    public string? PromoCode;
    public string? CustomerId;
    public bool? IsNewCustomer;
    public LeadStatus? Status;
    public decimal? Score;
    public string? SessionId;
    public string? ClickEventId;
    public ReferrerClass? ReferrerClass;
    public long? StartedAt;
    public long? DurationMs;
    public long? Pageviews;
    public bool? Bounced;
    public PostAction? Action;
    public long? PublishedAt;
    public string? Caption;
    public string[]? Hashtags;
    public string[]? Mentions;
    public string[]? Links;
    public bool? PaidPartnershipLabel;
    public string? Date;
    public long? Impressions;
    public long? Reach;
    public long? Likes;
    public long? Comments;
    public long? Shares;
    public long? Saves;
    public string? Source;

    /// <summary>Most items a post's hashtags, mentions or links may hold: platforms allow about 30 hashtags.</summary>
    public const int MaxListItems = 64;

    /// <summary>What a record is told when its <c>type</c> is none of the event types.</summary>
    public static readonly string TypeMessage = "type must be one of " + string.Join(", ", WireNames.AllEventTypes);

    /// <summary>
    /// Reads the current value into <paramref name="field"/>; returns an error message, or null. Ids that repeat across
    /// events come from <paramref name="ids"/> (see <see cref="IsShared"/>).
    /// </summary>
    public string? Set(Field field, ref Utf8JsonReader reader, DecoderLimits limits, IdPool ids)
    {
        switch (field)
        {
            case Field.Type:
                if (reader.TokenType != JsonTokenType.String || !WireNames.TryParse(reader.ValueSpan, out Type))
                {
                    return TypeMessage;
                }

                HasType = true;
                return null;
            case Field.Platform:
                if (reader.TokenType != JsonTokenType.String || !WireNames.TryParse(reader.ValueSpan, out Events.Platform platform))
                {
                    return "platform must be one of " + string.Join('|', WireNames.AllPlatforms);
                }

                Platform = platform;
                return null;
            case Field.ContentFormat:
                if (reader.TokenType != JsonTokenType.String || !WireNames.TryParse(reader.ValueSpan, out Events.ContentFormat format))
                {
                    return "content_format is not a known format";
                }

                ContentFormat = format;
                return null;
            case Field.EventId:
                return ReadKey(ref reader, field, limits.MaxIdBytes, out EventId, out _);
            case Field.UserId:
                return ReadKey(ref reader, field, limits.MaxIdBytes, out UserId, out UserKey);
            case Field.Ts:
                // Signed: a negative time is a time out of range (checked with the bounds), not a malformed number.
                return ReadInteger(ref reader, field, out Ts, allowNegative: true);
            case Field.AccountAgeDays:
                return ReadInteger(ref reader, field, out AccountAgeDays);
            case Field.DwellMs:
                return ReadInteger(ref reader, field, out DwellMs);
            case Field.Pages:
                return ReadInteger(ref reader, field, out Pages);
            case Field.Impressions:
                return ReadInteger(ref reader, field, out Impressions);
            case Field.Reach:
                return ReadInteger(ref reader, field, out Reach);
            case Field.Likes:
                return ReadInteger(ref reader, field, out Likes);
            case Field.Comments:
                return ReadInteger(ref reader, field, out Comments);
            case Field.Shares:
                return ReadInteger(ref reader, field, out Shares);
            case Field.Saves:
                return ReadInteger(ref reader, field, out Saves);
            case Field.StartedAt:
                // Signed, as ts: a negative time is out of range (checked with the bounds), not a malformed number.
                return ReadInteger(ref reader, field, out StartedAt, allowNegative: true);
            case Field.DurationMs:
                return ReadInteger(ref reader, field, out DurationMs);
            case Field.Pageviews:
                return ReadInteger(ref reader, field, out Pageviews);
            case Field.ReferrerClass:
                if (reader.TokenType != JsonTokenType.String || !WireNames.TryParse(reader.ValueSpan, out Events.ReferrerClass referrer))
                {
                    return "referrer_class must be one of " + string.Join('|', WireNames.AllReferrerClasses);
                }

                ReferrerClass = referrer;
                return null;
            case Field.Bounced:
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    return "bounced must be true or false";
                }

                Bounced = reader.TokenType == JsonTokenType.True;
                return null;
            case Field.Action:
                if (reader.TokenType != JsonTokenType.String || !WireNames.TryParse(reader.ValueSpan, out PostAction action))
                {
                    return "action must be one of " + string.Join('|', WireNames.AllPostActions);
                }

                Action = action;
                return null;
            case Field.PublishedAt:
                return ReadInteger(ref reader, field, out PublishedAt, allowNegative: true);
            case Field.Caption:
                return ReadString(ref reader, field, limits.MaxCaptionBytes, null, out Caption);
            case Field.Hashtags:
                return ReadList(ref reader, field, limits.MaxIdBytes, out Hashtags);
            case Field.Mentions:
                return ReadList(ref reader, field, limits.MaxIdBytes, out Mentions);
            case Field.Links:
                return ReadList(ref reader, field, limits.MaxTextBytes, out Links);
            case Field.PaidPartnershipLabel:
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    return "paid_partnership_label must be true or false";
                }

                PaidPartnershipLabel = reader.TokenType == JsonTokenType.True;
                return null;
            case Field.Value:
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var value))
                {
                    return "value must be a decimal number";
                }

                Value = value;
                return null;
            case Field.Status:
                if (reader.TokenType != JsonTokenType.String || !WireNames.TryParse(reader.ValueSpan, out LeadStatus status))
                {
                    return "status must be one of " + string.Join('|', WireNames.AllLeadStatuses);
                }

                Status = status;
                return null;
            case Field.Score:
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var score))
                {
                    return "score must be a number";
                }

                Score = score;
                return null;
            case Field.IsNewCustomer:
                if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                {
                    return "is_new_customer must be true or false";
                }

                IsNewCustomer = reader.TokenType == JsonTokenType.True;
                return null;
            case Field.CommentText:
                return ReadString(ref reader, field, limits.MaxTextBytes, null, out CommentText);
            case Field.IpHash:
                return ReadIdentifier(ref reader, field, limits.MaxIdBytes, out IpKey, out IpHash);
            case Field.DeviceId:
                return ReadIdentifier(ref reader, field, limits.MaxIdBytes, out DeviceKey, out DeviceId);
            case Field.UserAgentHash:
                return ReadIdentifier(ref reader, field, limits.MaxTextBytes, out UserAgentKey, out UserAgentHash);
            default:
                return ReadString(ref reader, field, limits.MaxIdBytes, IsShared(field) ? ids : null, out StringSlot(field));
        }
    }

    /// <summary>
    /// Fields whose values repeat across many events and are few: pooled. Not event, user, order, IP or device ids:
    /// those are many and mostly seen a handful of times, and would only fill the pool.
    /// </summary>
    private static bool IsShared(Field field) => field is Field.CampaignId or Field.CreatorId or Field.ContentId or Field.Country
        or Field.Kind or Field.LinkId or Field.UtmSource or Field.UtmMedium or Field.UtmCampaign or Field.UtmContent
        or Field.AffiliateId or Field.BrandId or Field.Currency or Field.PromoCode;

    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    private ref string? StringSlot(Field field)
    {
        switch (field)
        {
            case Field.CampaignId: return ref CampaignId;
            case Field.CreatorId: return ref CreatorId;
            case Field.ContentId: return ref ContentId;
            case Field.Country: return ref Country;
            case Field.Kind: return ref Kind;
            case Field.LinkId: return ref LinkId;
            case Field.UtmSource: return ref UtmSource;
            case Field.UtmMedium: return ref UtmMedium;
            case Field.UtmCampaign: return ref UtmCampaign;
            case Field.UtmContent: return ref UtmContent;
            case Field.AffiliateId: return ref AffiliateId;
            case Field.BrandId: return ref BrandId;
            case Field.OrderId: return ref OrderId;
            case Field.Currency: return ref Currency;
            case Field.PromoCode: return ref PromoCode;
            case Field.CustomerId: return ref CustomerId;
            case Field.SessionId: return ref SessionId;
            case Field.ClickEventId: return ref ClickEventId;
            case Field.Date: return ref Date;
            case Field.Source: return ref Source;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, "not a string field");
        }
    }

    private static string? ReadInteger(ref Utf8JsonReader reader, Field field, out long? target, bool allowNegative = false)
    {
        target = null;
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var value))
        {
            return $"{FieldNames.NameOf(field)} must be an integer";
        }

        if (value < 0 && !allowNegative)
        {
            return $"{FieldNames.NameOf(field)} must not be negative";
        }

        target = value;
        return null;
    }

    /// <summary>A list of strings (a post's hashtags, mentions or links): at most <see cref="MaxListItems"/>, each within <paramref name="maxBytes"/>.</summary>
    private static string? ReadList(ref Utf8JsonReader reader, Field field, int maxBytes, out string[]? target)
    {
        target = null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return $"{FieldNames.NameOf(field)} must be a list of strings";
        }

        var items = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (items.Count == MaxListItems)
            {
                return $"{FieldNames.NameOf(field)} has more than {MaxListItems} items";
            }

            if (ReadString(ref reader, field, maxBytes, null, out var item) is { } error)
            {
                return error;
            }

            items.Add(item!);
        }

        target = [.. items];
        return null;
    }

    /// <summary>
    /// An identifier as its key (<see cref="IdentifierKey"/>), checked as any string field is, and as its text too when
    /// <see cref="KeepIdentifierText"/> says so. Without the text, a short one is unescaped on the stack and hashed
    /// there, with no string made.
    /// </summary>
    private readonly string? ReadIdentifier(ref Utf8JsonReader reader, Field field, int maxBytes, out ulong key, out string? text)
    {
        if (!KeepIdentifierText && reader.TokenType == JsonTokenType.String && RawLength(ref reader) <= Math.Min(maxBytes, PooledMaxChars))
        {
            // Within the limit (the raw length is never shorter than the text), and short: no chars beyond the raw bytes.
            Span<char> chars = stackalloc char[PooledMaxChars];
            key = IdentifierKey.Of(chars[..reader.CopyString(chars)]);
            text = null;
            return null;
        }

        var error = ReadString(ref reader, field, maxBytes, null, out var read); // not a string, long, or text kept
        key = IdentifierKey.Of(read);
        text = KeepIdentifierText ? read : null;
        return error;
    }

    /// <summary>
    /// An id (<c>event_id</c>, <c>user_id</c>) as its key (<see cref="EventIdKey"/>) and its <see cref="Sketches.UserHash"/>,
    /// checked as any string field is. A short one is unescaped on the stack and keyed and hashed there, so a packed id or
    /// a UUID makes no string (docs/design.md, "Per-event cost").
    /// </summary>
    private static string? ReadKey(ref Utf8JsonReader reader, Field field, int maxBytes, out EventIdKey? key, out ulong hash)
    {
        if (reader.TokenType == JsonTokenType.String && RawLength(ref reader) <= Math.Min(maxBytes, PooledMaxChars))
        {
            // Within the limit (the raw length is never shorter than the text), and short: no chars beyond the raw bytes.
            Span<char> chars = stackalloc char[PooledMaxChars];
            var id = chars[..reader.CopyString(chars)];
            key = EventIdKey.Of(id);
            hash = field == Field.UserId ? Sketches.UserHash.Of(id) : 0;
            return null;
        }

        var error = ReadString(ref reader, field, maxBytes, null, out var read); // not a string, or long
        key = read is null ? null : EventIdKey.Of(read);
        hash = read is not null && field == Field.UserId ? Sketches.UserHash.Of(read) : 0;
        return error;
    }

    /// <summary>The current string's length as written (escaped), never shorter than its text in UTF-8.</summary>
    private static long RawLength(ref Utf8JsonReader reader) => reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;

    private static string? ReadString(ref Utf8JsonReader reader, Field field, int maxBytes, IdPool? pool, out string? target)
    {
        target = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            return $"{FieldNames.NameOf(field)} must be a string";
        }

        // The raw (escaped) length is never shorter than the text: only when it is over the limit is the exact
        // UTF-8 length of the unescaped text measured (writers escape non-ASCII, six bytes for three).
        var rawLength = RawLength(ref reader);
        if (pool is not null && rawLength <= Math.Min(maxBytes, PooledMaxChars))
        {
            // Within the limit, and short: unescaped onto the stack (never more chars than raw bytes), then looked up.
            Span<char> chars = stackalloc char[PooledMaxChars];
            target = pool.Get(chars[..reader.CopyString(chars)]);
            return null;
        }

        var value = reader.GetString()!;
        if (rawLength > maxBytes && System.Text.Encoding.UTF8.GetByteCount(value) > maxBytes)
        {
            return $"{FieldNames.NameOf(field)} is longer than {maxBytes} bytes";
        }

        target = value;
        return null;
    }
}
