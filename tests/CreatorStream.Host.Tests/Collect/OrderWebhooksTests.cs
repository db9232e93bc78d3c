using System.Text;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Host.Collect;

namespace CreatorStream.Host.Tests.Collect;

/// <summary>A Shopify-style store's webhooks (docs/design.md, "Collector"): signatures, and what orders and refunds become.</summary>
public sealed class OrderWebhooksTests
{
    private const string PaidOrder = """
        {"id":820982911946154508,"created_at":"2026-11-25T03:00:00Z","processed_at":"2026-11-25T03:00:05+01:00","financial_status":"paid",
         "total_price":"199.00","currency":"USD","discount_codes":[{"code":"ANNA10","amount":"10.00"}],
         "landing_site":"/products/x?utm_source=instagram&cs_link=lnk-from-url","customer":{"id":115310627314723954,"orders_count":1},
         "note_attributes":[{"name":"cs_vid","value":"v-123"},{"name":"gift","value":"no"}]}
        """;

    private static readonly OrderWebhooks Webhooks = new(new EventDecoder());

    [Fact]
    public void Signature_IsTheBodysHmacUnderTheStoresSecret_AnyOtherIsRefused()
    {
        var body = Encoding.UTF8.GetBytes(PaidOrder);
        var signature = OrderWebhooks.Sign(CollectTestKeys.Store.Secret, body);
        var otherSecret = OrderWebhooks.Sign(Encoding.UTF8.GetBytes("another-secret-of-16-chars"), body);
        var tampered = (byte[])body.Clone();
        tampered[^3] ^= 1;

        Assert.True(OrderWebhooks.Verify(CollectTestKeys.Store, body, signature));
        Assert.False(OrderWebhooks.Verify(CollectTestKeys.Store, tampered, signature));
        Assert.False(OrderWebhooks.Verify(CollectTestKeys.Store, body, otherSecret));
        Assert.False(OrderWebhooks.Verify(CollectTestKeys.Store, body, signature[..^4]));
        Assert.False(OrderWebhooks.Verify(CollectTestKeys.Store, body, "not base64!"));
        Assert.False(OrderWebhooks.Verify(CollectTestKeys.Store, body, null));
    }

    [Fact]
    public void PaidOrder_IsAPurchase_NamedByItsId_CodeAndVisitorFromTheOrder()
    {
        var order = Read("orders/paid", PaidOrder).Event!;

        Assert.Equal(
            ("order-820982911946154508", "acme", "820982911946154508", ConversionKind.Purchase, 199.00m, "USD", "ANNA10", "lnk-from-url", "v-123", "115310627314723954", (bool?)true),
            (order.EventId, order.BrandId, order.OrderId, order.Kind, order.Value, order.Currency, order.PromoCode, order.LinkId, order.UserId, order.CustomerId, order.IsNewCustomer));
        Assert.Equal(DateTimeOffset.Parse("2026-11-25T02:00:05Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds(), order.Ts);
    }

    [Fact]
    public void Order_CarriesTheBuyersCountryAndACouponSitesReferral_ForTheLeakCheck()
    {
        var plain = Read("orders/paid", PaidOrder).Event!;
        var shipped = Read("orders/paid", PaidOrder.Replace("\"currency\":\"USD\",", "\"currency\":\"USD\",\"billing_address\":{\"country_code\":\"GB\"},\"shipping_address\":{\"country_code\":\"DE\"},\"referring_site\":\"https://www.retailmenot.com/view/acme.com\",", StringComparison.Ordinal)).Event!;
        var billed = Read("orders/paid", PaidOrder.Replace("\"currency\":\"USD\",", "\"currency\":\"USD\",\"billing_address\":{\"country_code\":\"GB\"},\"referring_site\":\"https://www.google.com/\",", StringComparison.Ordinal)).Event!;

        Assert.Equal((null, null), (plain.Country, plain.ReferrerClass));
        Assert.Equal(("DE", ReferrerClass.Coupon), (shipped.Country, shipped.ReferrerClass));
        Assert.Equal(("GB", (ReferrerClass?)null), (billed.Country, billed.ReferrerClass)); // only coupon sites are named: the snippet classifies the rest
    }

    [Theory]
    [InlineData("https://www.retailmenot.com/view/acme.com", true)]
    [InlineData("slickdeals.net/f/1", true)]
    [InlineData("https://uk.rakuten.com/x", true)]
    [InlineData("https://notretailmenot.com/", false)]
    [InlineData("https://www.google.com/search?q=acme", false)]
    [InlineData("", false)]
    [InlineData("::not a url", false)]
    public void CouponSites_AreNamedByTheirDomainOrBelowIt(string url, bool coupon)
    {
        Assert.Equal(coupon, CouponSites.IsCouponSite(url));
    }

    [Fact]
    public void CreatedAndAlreadyPaid_IsTheSameEventAsItsPaidWebhook()
    {
        Assert.Equal(Read("orders/paid", PaidOrder).Event, Read("orders/create", PaidOrder).Event);
    }

    [Fact]
    public void CreatedButNotPaid_IsIgnored_WithWhy()
    {
        var result = Read("orders/create", PaidOrder.Replace("\"paid\"", "\"pending\"", StringComparison.Ordinal));

        Assert.Null(result.Event);
        Assert.Contains("not paid yet (pending)", result.Ignored, StringComparison.Ordinal);
    }

    [Fact]
    public void AttributeLink_WinsOverTheLandingUrl_AndAReturningCustomerIsNotNew()
    {
        var json = PaidOrder
            .Replace("{\"name\":\"gift\",\"value\":\"no\"}", "{\"name\":\"cs_link\",\"value\":\"lnk-anna\"}", StringComparison.Ordinal)
            .Replace("\"orders_count\":1", "\"orders_count\":4", StringComparison.Ordinal);

        var order = Read("orders/paid", json).Event!;

        Assert.Equal(("lnk-anna", (bool?)false), (order.LinkId, order.IsNewCustomer));
    }

    [Fact]
    public void WithoutVisitorId_TheCustomerStandsForTheUser()
    {
        var order = Read("orders/paid", PaidOrder.Replace("cs_vid", "other", StringComparison.Ordinal)).Event!;

        Assert.Equal("customer-115310627314723954", order.UserId);
    }

    [Fact]
    public void Refund_IsANegativeConversionOfItsOrder_SummingSuccessfulRefundTransactions()
    {
        var refund = Read("refunds/create", """
            {"id":929361462,"order_id":820982911946154508,"created_at":"2026-11-26T10:00:00Z",
             "transactions":[{"kind":"refund","status":"success","amount":"20.00","currency":"USD"},
                             {"kind":"refund","status":"failure","amount":"99.00","currency":"USD"},
                             {"kind":"refund","status":"success","amount":"5.50","currency":"USD"}]}
            """).Event!;

        Assert.Equal(("refund-929361462", "820982911946154508", -25.50m, "USD", "acme"), (refund.EventId, refund.OrderId, refund.Value, refund.Currency, refund.BrandId));
    }

    [Fact]
    public void Refund_OfNoMoney_IsIgnored()
    {
        var result = Read("refunds/create", """{"id":1,"order_id":2,"created_at":"2026-11-26T10:00:00Z","transactions":[]}""");

        Assert.Null(result.Event);
        Assert.Contains("no money refunded", result.Ignored, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("orders/paid", "{not json", "INVALID_JSON")]
    [InlineData("orders/paid", "[1]", "SCHEMA_VIOLATION")]
    [InlineData("orders/paid", """{"total_price":"5.00"}""", "SCHEMA_VIOLATION")]
    [InlineData("orders/paid", """{"id":5,"created_at":"2026-11-25T03:00:00Z","total_price":"5.00"}""", "SCHEMA_VIOLATION")]
    [InlineData(null, """{"id":5}""", "SCHEMA_VIOLATION")]
    public void BadBodies_AreRefusedWithACode(string? topic, string body, string code)
    {
        Assert.Equal(code, Read(topic, body).Code);
    }

    [Fact]
    public void OtherTopics_AreAcknowledgedAndIgnored()
    {
        Assert.Contains("is not read", Read("customers/create", "{}").Ignored, StringComparison.Ordinal);
    }

    private static WebhookResult Read(string? topic, string body) => Webhooks.Read(CollectTestKeys.Store, topic, Encoding.UTF8.GetBytes(body));
}
