using System.Text;

namespace CreatorStream.Core.Decoding;

/// <summary>Maps a JSON property name (UTF-8) to its <see cref="Field"/> without allocating.</summary>
internal static class FieldNames
{
    private static readonly (byte[] Name, Field Field)[] Table =
    [
        .. new (string, Field)[]
        {
            ("type", Field.Type), ("event_id", Field.EventId), ("ts", Field.Ts), ("campaign_id", Field.CampaignId),
            ("creator_id", Field.CreatorId), ("platform", Field.Platform), ("content_id", Field.ContentId),
            ("user_id", Field.UserId), ("ip_hash", Field.IpHash), ("device_id", Field.DeviceId),
            ("user_agent_hash", Field.UserAgentHash), ("country", Field.Country), ("content_format", Field.ContentFormat),
            ("kind", Field.Kind), ("comment_text", Field.CommentText), ("account_age_days", Field.AccountAgeDays),
            ("link_id", Field.LinkId), ("utm_source", Field.UtmSource), ("utm_medium", Field.UtmMedium),
            ("utm_campaign", Field.UtmCampaign), ("utm_content", Field.UtmContent), ("affiliate_id", Field.AffiliateId),
            ("dwell_ms", Field.DwellMs), ("pages", Field.Pages), ("brand_id", Field.BrandId), ("order_id", Field.OrderId),
            ("value", Field.Value), ("currency", Field.Currency), ("promo_code", Field.PromoCode),
            ("customer_id", Field.CustomerId), ("is_new_customer", Field.IsNewCustomer), ("status", Field.Status),
            ("score", Field.Score), ("session_id", Field.SessionId), ("click_event_id", Field.ClickEventId),
            ("referrer_class", Field.ReferrerClass), ("started_at", Field.StartedAt), ("duration_ms", Field.DurationMs),
            ("pageviews", Field.Pageviews), ("bounced", Field.Bounced), ("action", Field.Action),
            ("published_at", Field.PublishedAt), ("caption", Field.Caption), ("hashtags", Field.Hashtags),
            ("mentions", Field.Mentions), ("links", Field.Links), ("paid_partnership_label", Field.PaidPartnershipLabel),
            ("date", Field.Date), ("impressions", Field.Impressions), ("reach", Field.Reach), ("likes", Field.Likes),
            ("comments", Field.Comments), ("shares", Field.Shares), ("saves", Field.Saves), ("source", Field.Source),
        }.Select(entry => (Encoding.UTF8.GetBytes(entry.Item1), entry.Item2)),
    ];

    /// <summary>The wire name of a field, for error messages.</summary>
    public static string NameOf(Field field) => Encoding.UTF8.GetString(Table.First(entry => entry.Field == field).Name);

    /// <summary>Looks up a property name written with escapes (<c>"ip\u005fhash"</c>), which is rare but valid JSON.</summary>
    public static Field LookupEscaped(ref System.Text.Json.Utf8JsonReader reader)
    {
        // Unescaped text is never longer than its escaped form, so a buffer of the raw length always suffices;
        // a name longer than 256 bytes is no known field.
        var rawLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (rawLength > 256)
        {
            return Field.Unknown;
        }

        Span<byte> buffer = stackalloc byte[256];
        return Lookup(buffer[..reader.CopyString(buffer)]);
    }

    public static Field Lookup(ReadOnlySpan<byte> name)
    {
        // A linear scan over 55 short names, first byte and length first: faster than hashing at this size.
        foreach (var (candidate, field) in Table)
        {
            if (candidate.Length == name.Length && candidate[0] == name[0] && name.SequenceEqual(candidate))
            {
                return field;
            }
        }

        return Field.Unknown;
    }
}
