using System.Text.Json;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Decoding;

/// <summary>
/// The fields of one record as read, before the event type is known (a <c>type</c> field may come last).
/// A mutable scratch value that lives on the decoder's stack for one record.
/// </summary>
internal struct EventFields
{
    public bool HasType;
    public EventType Type;
    public string? EventId;
    public long? Ts;
    public string? CampaignId;
    public string? CreatorId;
    public Platform? Platform;
    public string? ContentId;
    public string? UserId;
    public string? IpHash;
    public string? DeviceId;
    public string? UserAgentHash;
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

    /// <summary>Reads the current value into <paramref name="field"/>; returns an error message, or null.</summary>
    public string? Set(Field field, ref Utf8JsonReader reader, DecoderLimits limits)
    {
        switch (field)
        {
            case Field.Type:
                if (reader.TokenType != JsonTokenType.String || !WireNames.TryParse(reader.ValueSpan, out Type))
                {
                    return "type must be one of impression, engagement, click, conversion";
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
            case Field.Ts:
                // Signed: a negative time is a time out of range (checked with the bounds), not a malformed number.
                return ReadInteger(ref reader, field, out Ts, allowNegative: true);
            case Field.AccountAgeDays:
                return ReadInteger(ref reader, field, out AccountAgeDays);
            case Field.DwellMs:
                return ReadInteger(ref reader, field, out DwellMs);
            case Field.Pages:
                return ReadInteger(ref reader, field, out Pages);
            case Field.Value:
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDecimal(out var value))
                {
                    return "value must be a decimal number";
                }

                Value = value;
                return null;
            case Field.CommentText:
                return ReadString(ref reader, field, limits.MaxTextBytes, out CommentText);
            case Field.UserAgentHash:
                return ReadString(ref reader, field, limits.MaxTextBytes, out UserAgentHash);
            default:
                return ReadString(ref reader, field, limits.MaxIdBytes, out StringSlot(field));
        }
    }

    [System.Diagnostics.CodeAnalysis.UnscopedRef]
    private ref string? StringSlot(Field field)
    {
        switch (field)
        {
            case Field.EventId: return ref EventId;
            case Field.CampaignId: return ref CampaignId;
            case Field.CreatorId: return ref CreatorId;
            case Field.ContentId: return ref ContentId;
            case Field.UserId: return ref UserId;
            case Field.IpHash: return ref IpHash;
            case Field.DeviceId: return ref DeviceId;
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

    private static string? ReadString(ref Utf8JsonReader reader, Field field, int maxBytes, out string? target)
    {
        target = null;
        if (reader.TokenType != JsonTokenType.String)
        {
            return $"{FieldNames.NameOf(field)} must be a string";
        }

        // The raw (escaped) length is never shorter than the text: only when it is over the limit is the exact
        // UTF-8 length of the unescaped text measured (writers escape non-ASCII, six bytes for three).
        var rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        var value = reader.GetString()!;
        if (rawLength > maxBytes && System.Text.Encoding.UTF8.GetByteCount(value) > maxBytes)
        {
            return $"{FieldNames.NameOf(field)} is longer than {maxBytes} bytes";
        }

        target = value;
        return null;
    }
}
