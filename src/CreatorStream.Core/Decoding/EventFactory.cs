using CreatorStream.Core.Events;

namespace CreatorStream.Core.Decoding;

/// <summary>Turns the fields of a record into its typed event, checking what the schema requires.</summary>
internal static class EventFactory
{
    /// <summary>Longer than any kind's wire name ("download", "purchase"): a longer text is no kind.</summary>
    private const int KindMaxBytes = 16;

    public static DecodeResult Build(EventType type, in EventFields f, DecoderLimits limits)
    {
        // A post's account, and an insight's key, is its creator's unless the record names one: the types without an
        // audience member.
        if ((MissingKey(f.EventId, "event_id") ?? (type is EventType.Post or EventType.Insight ? null : MissingKey(f.UserId, "user_id"))) is { } missing)
        {
            return Violation(missing);
        }

        if (f.Ts is not { } ts)
        {
            return Violation("missing field 'ts'");
        }

        if (ts < limits.MinTimestampMs || ts > limits.MaxTimestampMs)
        {
            return DecodeResult.Fail(DeadLetterReason.TimestampOutOfRange, $"ts {ts} is outside [{limits.MinTimestampMs}, {limits.MaxTimestampMs}]");
        }

        return type switch
        {
            EventType.Conversion => BuildConversion(f, ts),
            EventType.LeadUpdate => BuildLeadUpdate(f, ts),
            EventType.Session => BuildSession(f, ts, limits),
            EventType.Post => BuildPost(f, ts, limits),
            EventType.Insight => BuildInsight(f, ts),
            _ => BuildAudienceEvent(type, f, ts),
        };
    }

    private static DecodeResult BuildAudienceEvent(EventType type, in EventFields f, long ts)
    {
        if ((Missing(f.CampaignId, "campaign_id") ?? Missing(f.CreatorId, "creator_id") ?? Missing(f.ContentId, "content_id")) is { } missing)
        {
            return Violation(missing);
        }

        if (f.Platform is not { } platform)
        {
            return Violation("missing field 'platform'");
        }

        switch (type)
        {
            case EventType.Impression:
                if (f.ContentFormat is not { } format)
                {
                    return Violation("missing field 'content_format'");
                }

                var impression = f.Pools?.Impressions.Rent() ?? Impression.Empty();
                impression.Reset(Shared(f, ts, platform), format);
                return DecodeResult.Ok(impression);
            case EventType.Engagement:
                if (!WireNames.TryParse(KindBytes(f.Kind, stackalloc byte[KindMaxBytes]), out EngagementKind kind))
                {
                    return Violation("kind must be one of " + string.Join('|', WireNames.AllEngagementKinds));
                }

                if (f.AccountAgeDays > int.MaxValue)
                {
                    return Violation("account_age_days is out of range");
                }

                var engagement = f.Pools?.Engagements.Rent() ?? Engagement.Empty();
                engagement.Reset(Shared(f, ts, platform), kind, f.CommentText, (int?)f.AccountAgeDays);
                return DecodeResult.Ok(engagement);
            default:
                if (Missing(f.LinkId, "link_id") is { } noLink)
                {
                    return Violation(noLink);
                }

                if (f.Pages > int.MaxValue)
                {
                    return Violation("pages is out of range");
                }

                var click = f.Pools?.Clicks.Rent() ?? Click.Empty();
                click.Reset(Shared(f, ts, platform), f.LinkId!, f.UtmSource, f.UtmMedium, f.UtmCampaign, f.UtmContent, f.AffiliateId, f.DwellMs, (int?)f.Pages);
                return DecodeResult.Ok(click);
        }
    }

    /// <summary>
    /// The fields every audience event has, as read: the ids as their keys (the decoder reads them so, and a short id or
    /// a UUID is then no string), the identifiers' keys, and their text only when the decoder keeps it.
    /// </summary>
    private static AudienceFields Shared(in EventFields f, long ts, Platform platform) =>
        new(f.EventId!.Value, f.UserId!.Value, f.UserKey, ts, f.CampaignId!, f.CreatorId!, platform, f.ContentId!, f.IpKey, f.DeviceKey, f.UserAgentKey, f.IpHash, f.DeviceId, f.UserAgentHash, f.Country);

    private static DecodeResult BuildConversion(in EventFields f, long ts)
    {
        if ((Missing(f.BrandId, "brand_id") ?? Missing(f.OrderId, "order_id") ?? Missing(f.Currency, "currency")) is { } missing)
        {
            return Violation(missing);
        }

        if (!WireNames.TryParse(KindBytes(f.Kind, stackalloc byte[KindMaxBytes]), out ConversionKind kind))
        {
            return Violation("kind must be one of purchase|signup|lead|download|install");
        }

        if (f.Value is not { } value)
        {
            return Violation("missing field 'value'");
        }

        if (!IsCurrencyCode(f.Currency!))
        {
            return Violation("currency must be a three-letter upper-case ISO 4217 code");
        }

        return DecodeResult.Ok(new Conversion
        {
            EventId = f.EventId!.Value.ToString(),
            Ts = ts,
            UserId = f.UserId!.Value.ToString(),
            BrandId = f.BrandId!,
            OrderId = f.OrderId!,
            Kind = kind,
            Value = value,
            Currency = f.Currency!,
            CampaignId = f.CampaignId,
            PromoCode = f.PromoCode,
            LinkId = f.LinkId,
            CustomerId = f.CustomerId,
            IsNewCustomer = f.IsNewCustomer,
            Country = f.Country,
            ReferrerClass = f.ReferrerClass,
        });
    }

    private static DecodeResult BuildLeadUpdate(in EventFields f, long ts)
    {
        if ((Missing(f.BrandId, "brand_id") ?? Missing(f.OrderId, "order_id")) is { } missing)
        {
            return Violation(missing);
        }

        if (f.Status is not { } status)
        {
            return Violation("missing field 'status'");
        }

        return DecodeResult.Ok(new LeadUpdate
        {
            EventId = f.EventId!.Value.ToString(),
            Ts = ts,
            UserId = f.UserId!.Value.ToString(),
            BrandId = f.BrandId!,
            OrderId = f.OrderId!,
            Status = status,
            Score = f.Score,
        });
    }

    private static DecodeResult BuildSession(in EventFields f, long ts, DecoderLimits limits)
    {
        if ((Missing(f.BrandId, "brand_id") ?? Missing(f.SessionId, "session_id")) is { } missing)
        {
            return Violation(missing);
        }

        if (f.StartedAt is not { } startedAt || f.DurationMs is not { } duration || f.Pageviews is not { } pageviews || f.Bounced is not { } bounced)
        {
            return Violation($"missing field '{(f.StartedAt is null ? "started_at" : f.DurationMs is null ? "duration_ms" : f.Pageviews is null ? "pageviews" : "bounced")}'");
        }

        if (startedAt < limits.MinTimestampMs || startedAt > ts)
        {
            // A session is reported once it has begun: a start after its own report is a clock or a field gone wrong.
            return DecodeResult.Fail(DeadLetterReason.TimestampOutOfRange, $"started_at {startedAt} is outside [{limits.MinTimestampMs}, ts {ts}]");
        }

        if (pageviews > int.MaxValue)
        {
            return Violation("pageviews is too large");
        }

        return DecodeResult.Ok(new SiteSession
        {
            EventId = f.EventId!.Value.ToString(),
            Ts = ts,
            UserId = f.UserId!.Value.ToString(),
            BrandId = f.BrandId!,
            SessionId = f.SessionId!,
            ClickEventId = f.ClickEventId,
            LinkId = f.LinkId,
            UtmSource = f.UtmSource,
            UtmMedium = f.UtmMedium,
            UtmCampaign = f.UtmCampaign,
            UtmContent = f.UtmContent,
            ReferrerClass = f.ReferrerClass,
            StartedAt = startedAt,
            DurationMs = duration,
            Pageviews = (int)pageviews,
            Bounced = bounced,
        });
    }

    /// <summary>A post's figures for one day as its platform reported them; the day must be a real date, and one figure at least given.</summary>
    private static DecodeResult BuildInsight(in EventFields f, long ts)
    {
        if ((Missing(f.CampaignId, "campaign_id") ?? Missing(f.CreatorId, "creator_id") ?? Missing(f.ContentId, "content_id") ?? Missing(f.Source, "source") ?? Missing(f.Date, "date")) is { } missing)
        {
            return Violation(missing);
        }

        if (f.Platform is not { } platform)
        {
            return Violation("missing field 'platform'");
        }

        if (!DateOnly.TryParseExact(f.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
        {
            return Violation($"date must be a day as yyyy-MM-dd, not '{f.Date}'");
        }

        if (f.Impressions is null && f.Reach is null && f.Likes is null && f.Comments is null && f.Shares is null && f.Saves is null)
        {
            return Violation("an insight needs one figure at least (impressions, reach, likes, comments, shares, saves)");
        }

        return DecodeResult.Ok(new Insight
        {
            EventId = f.EventId!.Value.ToString(),
            Ts = ts,
            UserId = f.UserId is { IsBlank: false } userId ? userId.ToString() : f.CreatorId!,
            CampaignId = f.CampaignId!,
            CreatorId = f.CreatorId!,
            Platform = platform,
            ContentId = f.ContentId!,
            Day = day,
            Source = f.Source!,
            Impressions = f.Impressions,
            Reach = f.Reach,
            Likes = f.Likes,
            Comments = f.Comments,
            Shares = f.Shares,
            Saves = f.Saves,
        });
    }

    private static DecodeResult BuildPost(in EventFields f, long ts, DecoderLimits limits)
    {
        if ((Missing(f.CampaignId, "campaign_id") ?? Missing(f.CreatorId, "creator_id") ?? Missing(f.ContentId, "content_id")) is { } missing)
        {
            return Violation(missing);
        }

        if (f.Platform is not { } platform || f.ContentFormat is not { } format || f.Action is not { } action || f.PublishedAt is not { } publishedAt)
        {
            return Violation($"missing field '{(f.Platform is null ? "platform" : f.ContentFormat is null ? "content_format" : f.Action is null ? "action" : "published_at")}'");
        }

        if (publishedAt < limits.MinTimestampMs || publishedAt > ts)
        {
            // A post is reported once it is live: publication after the report is a clock or a field gone wrong.
            return DecodeResult.Fail(DeadLetterReason.TimestampOutOfRange, $"published_at {publishedAt} is outside [{limits.MinTimestampMs}, ts {ts}]");
        }

        return DecodeResult.Ok(new PostEvent
        {
            EventId = f.EventId!.Value.ToString(),
            Ts = ts,
            UserId = f.UserId is { IsBlank: false } userId ? userId.ToString() : f.CreatorId!,
            CampaignId = f.CampaignId!,
            CreatorId = f.CreatorId!,
            Platform = platform,
            ContentId = f.ContentId!,
            ContentFormat = format,
            Action = action,
            PublishedAt = publishedAt,
            Caption = f.Caption,
            Hashtags = f.Hashtags ?? [],
            Mentions = f.Mentions ?? [],
            Links = f.Links ?? [],
            PaidPartnershipLabel = f.PaidPartnershipLabel,
        });
    }

    private static bool IsCurrencyCode(string code) => code.Length == 3 && !code.AsSpan().ContainsAnyExceptInRange('A', 'Z');

    private static string? MissingKey(EventIdKey? id, string name) =>
        id is not { IsBlank: false } ? $"missing or empty field '{name}'" : null;

    private static string? Missing(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? $"missing or empty field '{name}'" : null;

    private static DecodeResult Violation(string message) => DecodeResult.Fail(DeadLetterReason.SchemaViolation, message);

    /// <summary>
    /// The kind's UTF-8 bytes, written into <paramref name="buffer"/> on the caller's stack so that parsing a kind
    /// allocates nothing (it ran once per engagement); empty, which parses as no kind, when absent or too long.
    /// </summary>
    private static ReadOnlySpan<byte> KindBytes(string? kind, Span<byte> buffer) =>
        kind is not null && System.Text.Encoding.UTF8.TryGetBytes(kind, buffer, out var written) ? buffer[..written] : [];
}
