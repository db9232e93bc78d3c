using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;

namespace CreatorStream.Host.Collect;

/// <summary>
/// Turns what a brand's site sends (docs/design.md, "Collector") into the pipeline's events: the site names a landing's
/// link and the collector fills in campaign, creator, platform and post; the brand comes from the write key, never from
/// the page; <c>ts</c> is the collector's clock when the page gives none (a visitor's clock may be hours off) and
/// <c>event_id</c> a new id when it gives none (then a retry is not recognised). Each event is then decoded by the
/// pipeline's own <see cref="EventDecoder"/>, so the collector accepts exactly what the source stage would, and what it
/// publishes is that event written again: canonical, unknown fields dropped. Thread-safe.
/// </summary>
public sealed class SiteEvents(CampaignCatalog catalog, EventDecoder decoder, TimeSpan maxFutureSkew)
{
    private readonly LinkDirectory _links = new(catalog);

    /// <summary>Event ids the collector makes itself (orders, refunds, visits): a page may not claim one.</summary>
    private static readonly string[] ReservedPrefixes = ["order-", "refund-", "session-"];

    /// <summary>The item kinds a site may send: three of the pipeline's event types, and a session beacon.</summary>
    public static readonly IReadOnlyList<string> Types = ["click", "conversion", "session", "page"];

    /// <summary>Reads one item of a batch sent with <paramref name="site"/>'s key, at <paramref name="nowMs"/>.</summary>
    public SiteItem Read(JsonElement item, SiteKey site, long nowMs)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return SiteItem.Refuse("SCHEMA_VIOLATION", "an event must be a JSON object");
        }

        var fields = JsonObject.Create(item)!;
        var type = fields["type"] is JsonValue t && t.TryGetValue(out string? name) ? name : null;
        fields.Remove("type");
        if (JsonText.Of(fields, "event_id") is { } given && ReservedPrefixes.Any(p => given.StartsWith(p, StringComparison.Ordinal)))
        {
            return SiteItem.Refuse("SCHEMA_VIOLATION", $"event_id '{given}' starts with one of {string.Join(", ", ReservedPrefixes)}, which the collector's own ids use");
        }

        if (type == "conversion")
        {
            if (!site.AcceptsConversions)
            {
                return SiteItem.Refuse("SCHEMA_VIOLATION", $"site '{site.SiteId}' takes no conversions (its orders come from the store's signed webhooks: site keys, accept_conversions)");
            }

            // An order's id names its event, as the store's webhook does (OrderWebhooks): reported by both, it counts once.
            fields["kind"] ??= "purchase";

            // A refund (a negative value) is another event of the same order: it needs an id of its own, given by the
            // page, or every retry of it would be a new refund.
            var refund = fields["value"] is JsonValue value && value.TryGetValue(out decimal amount) && amount < 0;
            if (refund && JsonText.Of(fields, "event_id") is null)
            {
                return SiteItem.Refuse("SCHEMA_VIOLATION", "a refund (a negative value) needs its own event_id, so that a retried one counts once");
            }

            fields["event_id"] ??= JsonText.Of(fields, "order_id") is { } order ? $"order-{order}" : null;
        }
        fields["event_id"] ??= Guid.NewGuid().ToString("N");
        fields["ts"] ??= nowMs;
        var read = type switch
        {
            "click" => Click(fields, site),
            "conversion" => WithBrand(fields, site, EventType.Conversion),
            "session" => WithBrand(fields, site, EventType.Session),
            "page" => Page(fields, site, nowMs),
            null => SiteItem.Refuse("UNKNOWN_EVENT_TYPE", $"missing field 'type' (one of {string.Join(", ", Types)})"),
            _ => SiteItem.Refuse("UNKNOWN_EVENT_TYPE", $"type '{type}' is not one of {string.Join(", ", Types)}"),
        };
        var ts = read.Event?.Ts ?? read.Beacon?.Ts;
        return ts > nowMs + (long)maxFutureSkew.TotalMilliseconds
            ? SiteItem.Refuse("TIMESTAMP_OUT_OF_RANGE", $"ts {ts} is more than {maxFutureSkew} ahead of the collector's clock ({nowMs}); leave ts out to use the collector's")
            : read;
    }

    /// <summary>A landing: the link names the campaign and creator; the platform is <c>utm_source</c> when it names one.</summary>
    private SiteItem Click(JsonObject fields, SiteKey site)
    {
        if (JsonText.Of(fields, "link_id") is not { } link)
        {
            return SiteItem.Refuse("SCHEMA_VIOLATION", "a click needs 'link_id' (the tracked link it landed through)");
        }

        var campaignHint = JsonText.Of(fields, "campaign_id") ?? JsonText.Of(fields, "utm_campaign");
        var (owner, problem) = _links.Find(site.BrandId, link, campaignHint);
        if (owner is not { } found)
        {
            return SiteItem.Refuse("UNKNOWN_CAMPAIGN", problem!);
        }

        if (JsonText.Of(fields, "creator_id") is { } creator && creator != found.Creator)
        {
            return SiteItem.Refuse("UNKNOWN_CREATOR", $"link '{link}' is creator '{found.Creator}'s, not '{creator}'s");
        }

        fields["campaign_id"] = found.Campaign;
        fields["creator_id"] = found.Creator;
        fields["platform"] ??= JsonText.Of(fields, "utm_source") is { } source && WireNames.TryParsePlatform(source.ToLowerInvariant(), out var platform)
            ? WireNames.Of(platform)
            : "other";
        fields["content_id"] ??= JsonText.Of(fields, "utm_content") ?? link;
        return Decode(fields, EventType.Click);
    }

    private SiteItem WithBrand(JsonObject fields, SiteKey site, EventType type)
    {
        if (JsonText.Of(fields, "brand_id") is { } brand && brand != site.BrandId)
        {
            return SiteItem.Refuse("UNKNOWN_CAMPAIGN", $"this write key writes brand '{site.BrandId}', not '{brand}'");
        }

        if (JsonText.Of(fields, "campaign_id") is { } campaignId && !(catalog.TryGet(campaignId, out var campaign) && campaign.BrandId == site.BrandId))
        {
            return SiteItem.Refuse("UNKNOWN_CAMPAIGN", $"campaign '{campaignId}' is not a campaign of brand '{site.BrandId}'");
        }

        fields["brand_id"] = site.BrandId;
        return Decode(fields, type);
    }

    /// <summary>
    /// A beacon of a visit still going on: its session so far (pages seen), decoded as a session so a bad field is
    /// refused now, not when the visit ends. Its times are the collector's; the page's <c>started_at</c> only names the
    /// visit (<c>session-{id}-{started_at}</c>), so a visit written at a collector's stop and continued after its
    /// restart is written under the same id again, and counted once.
    /// </summary>
    private SiteItem Page(JsonObject fields, SiteKey site, long nowMs)
    {
        var pageStart = fields["started_at"] is JsonValue start && start.TryGetValue(out long given) ? given : nowMs;
        fields["event_id"] = $"session-{JsonText.Of(fields, "session_id")}-{pageStart}";
        fields["started_at"] = nowMs;
        fields["ts"] = nowMs;
        fields["pageviews"] ??= 1;
        fields["duration_ms"] = 0;
        fields["bounced"] = false;
        var read = WithBrand(fields, site, EventType.Session);
        return read.Event is SiteSession beacon ? SiteItem.Session(beacon) : read;
    }

    private SiteItem Decode(JsonObject fields, EventType type)
    {
        var result = decoder.Decode(JsonSerializer.SerializeToUtf8Bytes(fields), type);
        return result.Event is { } decoded
            ? SiteItem.Publish(decoded)
            : SiteItem.Refuse(DeadLetterReasons.Code(result.Reason), result.Message ?? "");
    }

    /// <summary>What a pixel may report: an image any page can embed is no place for orders.</summary>
    public static readonly IReadOnlyList<string> PixelTypes = ["click", "page"];

    /// <summary>The items of a pixel's query string (<c>t</c> is the type; numbers are read as numbers), as a batch's item.</summary>
    public static JsonElement FromQuery(IEnumerable<KeyValuePair<string, string?>> query)
    {
        var item = new JsonObject();
        foreach (var (name, value) in query)
        {
            if (name is "k" || value is null)
            {
                continue;
            }

            item[name == "t" ? "type" : name] = name switch
            {
                "ts" or "dwell_ms" or "pages" or "pageviews" or "started_at" or "value" or "account_age_days"
                    when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
                "is_new_customer" or "bounced" when bool.TryParse(value, out var flag) => JsonValue.Create(flag),
                _ => JsonValue.Create(value),
            };
        }

        return JsonSerializer.SerializeToElement(item);
    }
}
