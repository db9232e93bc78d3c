using System.Text.Json;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Decoding;

/// <summary>
/// Writes events as the JSON of schemas/ (snake_case, absent optionals omitted). With
/// <c>includeType</c> it writes the <c>type</c> field first, as JSON Lines files carry it.
/// </summary>
public static class EventWriter
{
    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    // An id (event_id, user_id) from its key: no string made for a packed id or a UUID (only an id the key keeps is
    // longer than these bytes). No id is written as null, as a null string was.
    private static void WriteKey(Utf8JsonWriter writer, ReadOnlySpan<byte> name, EventIdKey id)
    {
        const int ShortIdBytes = 64;
        if (id.IsNone)
        {
            writer.WriteNull(name);
        }
        else if (id.MaxUtf8Bytes > ShortIdBytes)
        {
            writer.WriteString(name, id.ToString());
        }
        else
        {
            Span<byte> utf8 = stackalloc byte[ShortIdBytes];
            writer.WriteString(name, utf8[..id.WriteUtf8(utf8)]);
        }
    }

    public static void Write(Utf8JsonWriter writer, StreamEvent value, bool includeType)
    {
        writer.WriteStartObject();
        if (includeType)
        {
            writer.WriteString("type"u8, WireNames.Of(value.Type));
        }

        WriteKey(writer, "event_id"u8, value.IdKey);
        writer.WriteNumber("ts"u8, value.Ts);
        switch (value)
        {
            case AudienceEvent audience:
                WriteAudience(writer, audience);
                break;
            case Conversion conversion:
                WriteConversion(writer, conversion);
                break;
            case LeadUpdate update:
                WriteLeadUpdate(writer, update);
                break;
            case SiteSession session:
                WriteSession(writer, session);
                break;
            case PostEvent post:
                WritePost(writer, post);
                break;
            case Insight insight:
                WriteInsight(writer, insight);
                break;
        }

        writer.WriteEndObject();
    }

    /// <summary>One event as UTF-8 JSON bytes.</summary>
    /// <remarks>
    /// The buffer and writer are kept per thread and reset for each event, so the only allocation is the result: a new
    /// buffer and writer per event, grown past 256 bytes for most events, were a quarter of all the live bench's
    /// allocation through its generator (docs/benchmarks.md, session 14).
    /// </remarks>
    public static byte[] ToUtf8(StreamEvent value, bool includeType) => ToUtf8Span(value, includeType).ToArray();

    /// <summary>
    /// As <see cref="ToUtf8"/>, in this thread's buffer: valid until this thread's next call, and no array of its own
    /// (a snapshot writes every waiting event so, hundreds of thousands at once; docs/benchmarks.md, session 40).
    /// </summary>
    public static ReadOnlySpan<byte> ToUtf8Span(StreamEvent value, bool includeType)
    {
        var buffer = t_buffer ??= new System.Buffers.ArrayBufferWriter<byte>(1_024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        Write(writer, value, includeType);
        writer.Flush();
        return buffer.WrittenSpan;
    }

    /// <summary>
    /// An identifier an event carries, as its text. A decoded event keeps only its key (<see cref="IdentifierKey"/>), and
    /// its JSON is its record's bytes: writing one again would drop the field, so it is refused, not done.
    /// </summary>
    private static void WriteIdentifier(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? text, ulong key)
    {
        if (text is null && key != IdentifierKey.None)
        {
            throw new InvalidOperationException($"the event keeps {System.Text.Encoding.UTF8.GetString(name)} as its key alone (it was decoded): its JSON is its record's bytes");
        }

        WriteOptional(writer, name, text);
    }

    private static void WriteAudience(Utf8JsonWriter writer, AudienceEvent e)
    {
        writer.WriteString("campaign_id"u8, e.CampaignId);
        writer.WriteString("creator_id"u8, e.CreatorId);
        writer.WriteString("platform"u8, WireNames.Of(e.Platform));
        writer.WriteString("content_id"u8, e.ContentId);
        WriteKey(writer, "user_id"u8, e.UserIdKey);
        WriteIdentifier(writer, "ip_hash"u8, e.IpHash, e.IpKey);
        WriteIdentifier(writer, "device_id"u8, e.DeviceId, e.DeviceKey);
        WriteIdentifier(writer, "user_agent_hash"u8, e.UserAgentHash, e.UserAgentKey);
        WriteOptional(writer, "country"u8, e.Country);
        switch (e)
        {
            case Impression impression:
                writer.WriteString("content_format"u8, WireNames.Of(impression.ContentFormat));
                break;
            case Engagement engagement:
                writer.WriteString("kind"u8, WireNames.Of(engagement.Kind));
                WriteOptional(writer, "comment_text"u8, engagement.CommentText);
                WriteOptional(writer, "account_age_days"u8, engagement.AccountAgeDays);
                break;
            case Click click:
                writer.WriteString("link_id"u8, click.LinkId);
                WriteOptional(writer, "utm_source"u8, click.UtmSource);
                WriteOptional(writer, "utm_medium"u8, click.UtmMedium);
                WriteOptional(writer, "utm_campaign"u8, click.UtmCampaign);
                WriteOptional(writer, "utm_content"u8, click.UtmContent);
                WriteOptional(writer, "affiliate_id"u8, click.AffiliateId);
                WriteOptional(writer, "dwell_ms"u8, click.DwellMs);
                WriteOptional(writer, "pages"u8, click.Pages);
                break;
        }
    }

    private static void WriteConversion(Utf8JsonWriter writer, Conversion e)
    {
        writer.WriteString("brand_id"u8, e.BrandId);
        WriteKey(writer, "user_id"u8, e.UserIdKey);
        writer.WriteString("order_id"u8, e.OrderId);
        writer.WriteString("kind"u8, WireNames.Of(e.Kind));
        writer.WriteNumber("value"u8, e.Value);
        writer.WriteString("currency"u8, e.Currency);
        WriteOptional(writer, "campaign_id"u8, e.CampaignId);
        WriteOptional(writer, "promo_code"u8, e.PromoCode);
        WriteOptional(writer, "link_id"u8, e.LinkId);
        WriteOptional(writer, "customer_id"u8, e.CustomerId);
        if (e.IsNewCustomer is { } isNew)
        {
            writer.WriteBoolean("is_new_customer"u8, isNew);
        }

        WriteOptional(writer, "country"u8, e.Country);
        if (e.ReferrerClass is { } referrer)
        {
            writer.WriteString("referrer_class"u8, WireNames.Of(referrer));
        }
    }

    private static void WriteLeadUpdate(Utf8JsonWriter writer, LeadUpdate e)
    {
        writer.WriteString("brand_id"u8, e.BrandId);
        WriteKey(writer, "user_id"u8, e.UserIdKey);
        writer.WriteString("order_id"u8, e.OrderId);
        writer.WriteString("status"u8, WireNames.Of(e.Status));
        if (e.Score is { } score)
        {
            writer.WriteNumber("score"u8, score);
        }
    }

    private static void WriteSession(Utf8JsonWriter writer, SiteSession e)
    {
        writer.WriteString("brand_id"u8, e.BrandId);
        WriteKey(writer, "user_id"u8, e.UserIdKey);
        writer.WriteString("session_id"u8, e.SessionId);
        WriteOptional(writer, "click_event_id"u8, e.ClickEventId);
        WriteOptional(writer, "link_id"u8, e.LinkId);
        WriteOptional(writer, "utm_source"u8, e.UtmSource);
        WriteOptional(writer, "utm_medium"u8, e.UtmMedium);
        WriteOptional(writer, "utm_campaign"u8, e.UtmCampaign);
        WriteOptional(writer, "utm_content"u8, e.UtmContent);
        if (e.ReferrerClass is { } referrer)
        {
            writer.WriteString("referrer_class"u8, WireNames.Of(referrer));
        }

        writer.WriteNumber("started_at"u8, e.StartedAt);
        writer.WriteNumber("duration_ms"u8, e.DurationMs);
        writer.WriteNumber("pageviews"u8, e.Pageviews);
        writer.WriteBoolean("bounced"u8, e.Bounced);
    }

    private static void WriteInsight(Utf8JsonWriter writer, Insight e)
    {
        WritePostIdentity(writer, e.CampaignId, e.CreatorId, e.Platform, e.ContentId, e.UserId);
        writer.WriteString("date"u8, e.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("source"u8, e.Source);
        WriteCount(writer, "impressions"u8, e.Impressions);
        WriteCount(writer, "reach"u8, e.Reach);
        WriteCount(writer, "likes"u8, e.Likes);
        WriteCount(writer, "comments"u8, e.Comments);
        WriteCount(writer, "shares"u8, e.Shares);
        WriteCount(writer, "saves"u8, e.Saves);
    }

    private static void WriteCount(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } count)
        {
            writer.WriteNumber(name, count);
        }
    }

    /// <summary>A post's or an insight's campaign, creator, platform and post, and its user id unless it is the creator's.</summary>
    private static void WritePostIdentity(Utf8JsonWriter writer, string campaignId, string creatorId, Platform platform, string contentId, string userId)
    {
        writer.WriteString("campaign_id"u8, campaignId);
        writer.WriteString("creator_id"u8, creatorId);
        writer.WriteString("platform"u8, WireNames.Of(platform));
        writer.WriteString("content_id"u8, contentId);
        if (userId != creatorId)
        {
            writer.WriteString("user_id"u8, userId); // absent, the account is the creator's (as the decoder reads it)
        }
    }

    private static void WritePost(Utf8JsonWriter writer, PostEvent e)
    {
        WritePostIdentity(writer, e.CampaignId, e.CreatorId, e.Platform, e.ContentId, e.UserId);

        writer.WriteString("content_format"u8, WireNames.Of(e.ContentFormat));
        writer.WriteString("action"u8, WireNames.Of(e.Action));
        writer.WriteNumber("published_at"u8, e.PublishedAt);
        WriteOptional(writer, "caption"u8, e.Caption);
        WriteList(writer, "hashtags"u8, e.Hashtags);
        WriteList(writer, "mentions"u8, e.Mentions);
        WriteList(writer, "links"u8, e.Links);
        if (e.PaidPartnershipLabel is { } label)
        {
            writer.WriteBoolean("paid_partnership_label"u8, label);
        }
    }

    private static void WriteList(Utf8JsonWriter writer, ReadOnlySpan<byte> name, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
    }
}
