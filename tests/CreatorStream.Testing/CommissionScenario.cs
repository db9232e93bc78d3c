using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Testing;

/// <summary>
/// Campaign "spring" with commission plans (docs/design.md, "Commissions") and a few hand-made orders, for the
/// hand-computed statement tests, the live run and the web tests. T0 is Monday 2 March 2026, 00:00 UTC.
/// <para>anna: linear credit, 10 % of credited revenue and 20 flat a day, held 2 days, daily statements.
/// ben: last-touch credit, 50 % of his direct (code) sales, 10 % of credited revenue and 5 per signup, held 1 day, daily.</para>
/// <para>u1 clicks anna (1 h) then ben (2 h) and buys for 100 at 3 h (o1: linear anna ½ ben ½, last touch ben); u2 clicks
/// anna (4 h) and buys for 200 with ben's code at 5 h (o2: linear anna 1, direct ben); u3 clicks ben (6 h) and signs up
/// at 7 h (o3: last touch ben); 40 of o1 is refunded at 26 h. An impression at 27 h moves event time past the refund, and a last one sets the newest event time.</para>
/// </summary>
public static class CommissionScenario
{
    public static readonly long T0 = DateTimeOffset.Parse("2026-03-02T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    public const long Hour = 3_600_000;

    public const long Day = 24 * Hour;

    public const string Json = """
        {"campaigns":[{"campaign_id":"spring","brand_id":"acme","name":"Spring launch","currency":"USD",
          "goal":{"type":"sales","target":{"kpi":"revenue","value":50000},"baseline":null},
          "attribution":{"reporting_model":"last_touch","lookback_days":30,"time_decay_half_life_hours":168,"data_driven_min_conversions":300},
          "benchmarks":{"cpa":25.0,"cpm":{"instagram":8.0,"tiktok":4.0},"engagement_value":{"like":0.05,"comment":0.5,"share":0.75,"save":0.5}},
          "creators":[
            {"creator_id":"anna","name":"Anna","promo_codes":["ANNA10"],"links":["lnk-anna"],
             "costs":{"flat_fee":1000,"product":50,"production":200,"shipping":20,"agency_fee":100,"commission_rate":0.10},
             "commission":{"model":"linear","hold_days":2,"period":"day","rules":[{"kind":"percent","rate":0.10},{"kind":"flat","amount":20}]}},
            {"creator_id":"ben","name":"Ben","promo_codes":["BEN10"],"links":["lnk-ben"],
             "costs":{"flat_fee":500,"product":0,"production":0,"shipping":0,"agency_fee":0,"commission_rate":0.05},
             "commission":{"model":"last_touch","hold_days":1,"period":"day","rules":[
               {"kind":"percent","rate":0.5,"of":"direct"},{"kind":"percent","rate":0.1},{"kind":"bounty","amount":5,"conversion_kind":"signup"}]}}]}]}
        """;

    public static CampaignCatalog Catalog() => CampaignCatalog.Parse(Json);

    /// <summary>The orders and the refund, then one impression at <paramref name="newestTs"/> that moves event time on.</summary>
    public static StreamEvent[] Events(long newestTs) =>
    [
        Click("u1", T0 + Hour, creator: "anna", content: "post-1", id: "c1"),
        Click("u1", T0 + (2 * Hour), creator: "ben", content: "post-2", id: "c2"),
        Conversion("u1", T0 + (3 * Hour), value: 100m, id: "o1"),
        Click("u2", T0 + (4 * Hour), creator: "anna", content: "post-1", id: "c3"),
        Conversion("u2", T0 + (5 * Hour), value: 200m, id: "o2") with { PromoCode = "BEN10" },
        Click("u3", T0 + (6 * Hour), creator: "ben", content: "post-2", id: "c4"),
        Conversion("u3", T0 + (7 * Hour), value: 0m, id: "o3") with { Kind = ConversionKind.Signup },
        Conversion("u1", T0 + (26 * Hour), value: -40m, id: "r1") with { OrderId = "order-o1" },
        Impression("u8", T0 + (27 * Hour), creator: "ben", content: "post-2", id: "move-on"),
        Impression("u9", newestTs, creator: "anna", content: "post-1", id: "late"),
    ];
}
