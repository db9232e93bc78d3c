using System.Text.Json;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Host.Collect;
using CreatorStream.Testing;

namespace CreatorStream.Host.Tests.Collect;

/// <summary>What a site's items become (docs/design.md, "Collector"): each expected field written out by hand.</summary>
public sealed class SiteEventsTests
{
    private const long Now = 1_790_000_000_000;

    private static readonly SiteEvents Reader = new(TestCampaigns.Spring(), new EventDecoder(), TimeSpan.FromMinutes(15));

    private static SiteItem Read(string json) => Reader.Read(JsonDocument.Parse(json).RootElement, CollectTestKeys.Site, Now);

    [Fact]
    public void Click_LinkNamesCampaignAndCreator_PlatformFromUtmSource_PostFromUtmContent_TimeFromTheCollector()
    {
        var click = Assert.IsType<Click>(Read("""{"type":"click","event_id":"c1","user_id":"v1","link_id":"lnk-anna","utm_source":"Instagram","utm_content":"post-7","dwell_ms":1200}""").Event);

        Assert.Equal(("c1", Now, "v1", "spring", "anna", Platform.Instagram, "post-7", "lnk-anna", 1200L), (click.EventId, click.Ts, click.UserId, click.CampaignId, click.CreatorId, click.Platform, click.ContentId, click.LinkId, click.DwellMs));
    }

    [Fact]
    public void Click_WithoutUtm_IsOtherPlatform_AndTheLinkStandsForThePost()
    {
        var click = Assert.IsType<Click>(Read("""{"type":"click","event_id":"c1","user_id":"v1","link_id":"lnk-ben","utm_source":"newsletter"}""").Event);

        Assert.Equal((Platform.Other, "lnk-ben", "ben"), (click.Platform, click.ContentId, click.CreatorId));
    }

    [Theory]
    [InlineData("""{"type":"click","user_id":"v1","link_id":"lnk-nobody"}""", "UNKNOWN_CAMPAIGN", "not a tracked link of brand 'acme'")]
    [InlineData("""{"type":"click","user_id":"v1","link_id":"lnk-anna","creator_id":"ben"}""", "UNKNOWN_CREATOR", "creator 'anna's, not 'ben's")]
    [InlineData("""{"type":"click","user_id":"v1"}""", "SCHEMA_VIOLATION", "needs 'link_id'")]
    [InlineData("""{"type":"conversion","user_id":"v1","order_id":"1","value":5,"currency":"USD","brand_id":"other"}""", "UNKNOWN_CAMPAIGN", "writes brand 'acme', not 'other'")]
    [InlineData("""{"type":"conversion","user_id":"v1","order_id":"1","value":"five","currency":"USD"}""", "SCHEMA_VIOLATION", "value")]
    [InlineData("""{"type":"impression","user_id":"v1"}""", "UNKNOWN_EVENT_TYPE", "is not one of click, conversion, session, page")]
    [InlineData("""{"user_id":"v1"}""", "UNKNOWN_EVENT_TYPE", "missing field 'type'")]
    [InlineData("""["not an object"]""", "SCHEMA_VIOLATION", "JSON object")]
    [InlineData("""{"type":"click","user_id":"v1","link_id":"lnk-anna","ts":1790000900001}""", "TIMESTAMP_OUT_OF_RANGE", "ahead of the collector's clock")]
    [InlineData("""{"type":"conversion","user_id":"v1","order_id":"1","value":-5,"currency":"USD"}""", "SCHEMA_VIOLATION", "a refund (a negative value) needs its own event_id")]
    [InlineData("""{"type":"conversion","event_id":"order-77","user_id":"v1","order_id":"1","value":5,"currency":"USD"}""", "SCHEMA_VIOLATION", "which the collector's own ids use")]
    [InlineData("""{"type":"click","event_id":"session-x","user_id":"v1","link_id":"lnk-anna"}""", "SCHEMA_VIOLATION", "which the collector's own ids use")]
    [InlineData("""{"type":"conversion","user_id":"v1","order_id":"1","value":5,"currency":"USD","campaign_id":"autumn"}""", "UNKNOWN_CAMPAIGN", "campaign 'autumn' is not a campaign of brand 'acme'")]
    public void BadItems_AreRefusedWithTheirCodeAndReason(string json, string code, string reason)
    {
        var item = Read(json);

        Assert.Equal(code, item.Code);
        Assert.Contains(reason, item.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Click_FifteenMinutesAheadExactly_IsAccepted()
    {
        Assert.NotNull(Read("""{"type":"click","user_id":"v1","link_id":"lnk-anna","ts":1790000900000}""").Event);
    }

    [Fact]
    public void Conversion_BrandFromTheKey_PurchaseByDefault_IdNamedByItsOrder_ARefundKeepsItsOwn()
    {
        var sale = Assert.IsType<Conversion>(Read("""{"type":"conversion","user_id":"v1","order_id":"A-1","value":25.5,"currency":"USD","promo_code":"ANNA10"}""").Event);
        var refund = Assert.IsType<Conversion>(Read("""{"type":"conversion","event_id":"r-1","user_id":"v1","order_id":"A-1","value":-5,"currency":"USD"}""").Event);

        Assert.Equal(("order-A-1", "acme", ConversionKind.Purchase, 25.5m, "ANNA10"), (sale.EventId, sale.BrandId, sale.Kind, sale.Value, sale.PromoCode));
        Assert.Equal(("r-1", -5m), (refund.EventId, refund.Value));
    }

    [Fact]
    public void Page_IsABeaconOfItsVisit_TimedByTheCollector_NamedByThePagesStart()
    {
        var item = Read("""{"type":"page","session_id":"s1","user_id":"v1","pageviews":3,"started_at":1789999000000,"click_event_id":"c1","link_id":"lnk-anna","referrer_class":"social"}""");

        Assert.Null(item.Event);
        var beacon = Assert.IsType<SiteSession>(item.Beacon);
        Assert.Equal(("session-s1-1789999000000", "s1", "acme", Now, Now, 3, "c1", "lnk-anna", ReferrerClass.Social), (beacon.EventId, beacon.SessionId, beacon.BrandId, beacon.StartedAt, beacon.Ts, beacon.Pageviews, beacon.ClickEventId, beacon.LinkId, beacon.ReferrerClass));
        Assert.Equal($"session-s1-{Now}", Read("""{"type":"page","session_id":"s1","user_id":"v1"}""").Beacon!.EventId);
    }

    [Fact]
    public void Conversion_FromASiteThatTakesNone_IsRefused()
    {
        var site = CollectTestKeys.Site with { AcceptsConversions = false };

        var item = Reader.Read(JsonDocument.Parse("""{"type":"conversion","user_id":"v1","order_id":"1","value":5,"currency":"USD"}""").RootElement, site, Now);

        Assert.Contains("takes no conversions", item.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_InTwoCampaigns_NeedsTheCampaignNamed()
    {
        var summer = CampaignCatalog.Parse(TestCampaigns.SpringJson.Replace("\"spring\"", "\"summer\"", StringComparison.Ordinal));
        var twice = new CampaignCatalogDocument { Campaigns = [TestCampaigns.Spring().Campaigns[0], summer.Campaigns[0]] };
        var reader = new SiteEvents(CampaignCatalog.From(twice), new EventDecoder(), TimeSpan.FromMinutes(15));
        SiteItem ReadTwice(string json) => reader.Read(JsonDocument.Parse(json).RootElement, CollectTestKeys.Site, Now);

        Assert.Contains("in 2 campaigns", ReadTwice("""{"type":"click","user_id":"v1","link_id":"lnk-anna"}""").Problem, StringComparison.Ordinal);
        Assert.Equal("summer", Assert.IsType<Click>(ReadTwice("""{"type":"click","user_id":"v1","link_id":"lnk-anna","utm_campaign":"summer"}""").Event).CampaignId);
    }

    [Fact]
    public void Pixel_QueryBecomesAnItem_NumbersAndFlagsTyped_KeyLeftOut()
    {
        var item = SiteEvents.FromQuery([new("k", "secret"), new("t", "conversion"), new("order_id", "9"), new("value", "12.5"), new("is_new_customer", "true"), new("currency", "EUR")]);

        Assert.Equal("""{"type":"conversion","order_id":"9","value":12.5,"is_new_customer":true,"currency":"EUR"}""", item.GetRawText());
    }
}
