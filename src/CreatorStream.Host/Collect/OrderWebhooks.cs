using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;

namespace CreatorStream.Host.Collect;

/// <summary>
/// A store's order webhooks, in the shape a Shopify-style store sends (docs/design.md, "Collector"): the body is checked
/// against its signature first (<see cref="SignatureHeader"/>: base64 of HMAC-SHA256 over the raw body with the store's
/// secret), then an order that is paid becomes a purchase and a refund a negative conversion of its order. An order's
/// event id is <c>order-{id}</c> whichever of its webhooks (created when already paid, or paid) comes first, so the
/// other, and any redelivery, counts once; a site that also reports the order with the snippet's <c>conversion()</c>
/// gets the same id. Discount codes become the promo code; the landing's link id and the visitor id come from the
/// order's note attributes (<c>cs_link</c>, <c>cs_vid</c>, which a site's cart sets from the snippet) or the landing
/// URL's <c>cs_link</c>. Thread-safe.
/// </summary>
public sealed class OrderWebhooks(EventDecoder decoder)
{
    public const string SignatureHeader = "X-Shopify-Hmac-Sha256";

    public const string TopicHeader = "X-Shopify-Topic";

    /// <summary>The webhook topics read; any other is acknowledged and ignored (a store sends many kinds).</summary>
    public static readonly IReadOnlyList<string> Topics = ["orders/create", "orders/paid", "refunds/create"];

    /// <summary>Whether <paramref name="signature"/> is the body's HMAC under the store's secret (compared in constant time).</summary>
    public static bool Verify(StoreSecret store, ReadOnlySpan<byte> body, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        Span<byte> given = stackalloc byte[64];
        if (!Convert.TryFromBase64String(signature, given, out var length) || length != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(store.Secret, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given[..length]);
    }

    /// <summary>The signature a store would send for <paramref name="body"/> (tests and the README's example).</summary>
    public static string Sign(byte[] secret, ReadOnlySpan<byte> body) => Convert.ToBase64String(HMACSHA256.HashData(secret, body));

    /// <summary>What a verified webhook means: a conversion to publish, nothing (with why), or a reason it is refused.</summary>
    public WebhookResult Read(StoreSecret store, string? topic, ReadOnlySpan<byte> body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            return WebhookResult.Refuse("INVALID_JSON", e.Message);
        }

        if (root is not JsonObject payload)
        {
            return WebhookResult.Refuse("SCHEMA_VIOLATION", "the webhook body must be a JSON object");
        }

        return topic switch
        {
            "orders/create" when JsonText.Of(payload, "financial_status") != "paid" => WebhookResult.Ignore($"order not paid yet ({JsonText.Of(payload, "financial_status") ?? "no financial_status"}): counted when orders/paid comes"),
            "orders/create" or "orders/paid" => Order(store, payload),
            "refunds/create" => Refund(store, payload),
            null => WebhookResult.Refuse("SCHEMA_VIOLATION", $"missing header {TopicHeader}"),
            _ => WebhookResult.Ignore($"topic '{topic}' is not read (only {string.Join(", ", Topics)})"),
        };
    }

    private WebhookResult Order(StoreSecret store, JsonObject order)
    {
        if (Id(order, "id") is not { } id)
        {
            return WebhookResult.Refuse("SCHEMA_VIOLATION", "an order needs its 'id'");
        }

        var attributes = Attributes(order);
        var customer = order["customer"] as JsonObject;
        var customerId = customer is null ? null : Id(customer, "id");
        var fields = new JsonObject
        {
            ["event_id"] = $"order-{id}",
            ["ts"] = Time(order),
            ["brand_id"] = store.BrandId,
            ["user_id"] = attributes.GetValueOrDefault("cs_vid") ?? (customerId is null ? $"order-{id}" : $"customer-{customerId}"),
            ["order_id"] = id,
            ["kind"] = "purchase",
            ["value"] = Amount(order["total_price"]),
            ["currency"] = JsonText.Of(order, "currency"),
            ["promo_code"] = order["discount_codes"] is JsonArray { Count: > 0 } codes && codes[0] is JsonObject first ? JsonText.Of(first, "code") : null,
            ["link_id"] = attributes.GetValueOrDefault("cs_link") ?? LandingLink(JsonText.Of(order, "landing_site")),
            ["customer_id"] = customerId,
            ["is_new_customer"] = customer?["orders_count"] is JsonValue count && count.TryGetValue(out int orders) ? orders <= 1 : null,
            ["country"] = CountryOf(order),
            ["referrer_class"] = CouponSites.IsCouponSite(JsonText.Of(order, "referring_site")) ? "coupon" : null,
        };
        return Decode(fields);
    }

    private WebhookResult Refund(StoreSecret store, JsonObject refund)
    {
        if (Id(refund, "id") is not { } id || Id(refund, "order_id") is not { } orderId)
        {
            return WebhookResult.Refuse("SCHEMA_VIOLATION", "a refund needs its 'id' and 'order_id'");
        }

        decimal amount = 0;
        string? currency = null;
        foreach (var transaction in (refund["transactions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (JsonText.Of(transaction, "kind") == "refund" && JsonText.Of(transaction, "status") is null or "success" && Amount(transaction["amount"]) is { } part)
            {
                amount += part;
                currency ??= JsonText.Of(transaction, "currency");
            }
        }

        if (amount <= 0)
        {
            return WebhookResult.Ignore("no money refunded (a restock or a note): nothing to reverse");
        }

        var fields = new JsonObject
        {
            ["event_id"] = $"refund-{id}",
            ["ts"] = Time(refund),
            ["brand_id"] = store.BrandId,
            ["user_id"] = $"order-{orderId}",
            ["order_id"] = orderId,
            ["kind"] = "purchase",
            ["value"] = -amount,
            ["currency"] = currency,
        };
        return Decode(fields);
    }

    private WebhookResult Decode(JsonObject fields)
    {
        foreach (var name in fields.Where(f => f.Value is null).Select(f => f.Key).ToList())
        {
            fields.Remove(name);
        }

        var result = decoder.Decode(JsonSerializer.SerializeToUtf8Bytes(fields), EventType.Conversion);
        return result.Event is Conversion conversion
            ? WebhookResult.Publish(conversion)
            : WebhookResult.Refuse(DeadLetterReasons.Code(result.Reason), result.Message ?? "");
    }

    private static Dictionary<string, string> Attributes(JsonObject order)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in (order["note_attributes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (JsonText.Of(attribute, "name") is { } name && JsonText.Of(attribute, "value") is { } value)
            {
                attributes.TryAdd(name, value);
            }
        }

        return attributes;
    }

    /// <summary>Where the buyer was: the shipping address's country, else the billing address's (docs/design.md, "Estimates").</summary>
    private static string? CountryOf(JsonObject order) =>
        (order["shipping_address"] as JsonObject is { } shipping ? JsonText.Of(shipping, "country_code") : null)
        ?? (order["billing_address"] as JsonObject is { } billing ? JsonText.Of(billing, "country_code") : null);

    private static string? LandingLink(string? landingSite)
    {
        var start = landingSite?.IndexOf('?') ?? -1;
        if (start < 0)
        {
            return null;
        }

        foreach (var pair in landingSite![(start + 1)..].Split('&'))
        {
            if (pair.StartsWith("cs_link=", StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair["cs_link=".Length..]);
            }
        }

        return null;
    }

    private static long? Time(JsonObject payload) =>
        (JsonText.Of(payload, "processed_at") ?? JsonText.Of(payload, "created_at")) is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUnixTimeMilliseconds()
            : null;

    private static decimal? Amount(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue(out string? text) => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null,
        JsonValue value when value.TryGetValue(out decimal amount) => amount,
        _ => null,
    };

    private static string? Id(JsonObject payload, string name) => payload[name] switch
    {
        JsonValue value when value.TryGetValue(out long number) => number.ToString(CultureInfo.InvariantCulture),
        JsonValue value when value.TryGetValue(out string? text) && text.Length > 0 => text,
        _ => null,
    };
}

/// <summary>What a webhook means: an event to publish, nothing (with why), or a refusal (a dead-letter code and a message).</summary>
public sealed record WebhookResult(Conversion? Event, string? Ignored, string? Code, string? Problem)
{
    public static WebhookResult Publish(Conversion value) => new(value, null, null, null);

    public static WebhookResult Ignore(string why) => new(null, why, null, null);

    public static WebhookResult Refuse(string code, string problem) => new(null, null, code, problem);
}
