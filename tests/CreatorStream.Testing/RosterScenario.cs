using System.Globalization;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;
using static CreatorStream.Testing.EventBuilder;

namespace CreatorStream.Testing;

/// <summary>
/// Brand "acme"'s roster over two campaigns (docs/design.md, "Roster"), for the hand-computed roster tests, the live
/// run and the web tests. Every campaign reports under last touch, and each buyer clicks one creator and buys a minute
/// later, so each order is credited whole to the creator clicked.
/// <para>"winter" (from <see cref="Winter"/>, Monday 5 January 2026): anna (fixed 1,000, 10 % commission) sells 12 orders
/// of 150; ben (fixed 3,000, 5 %) 3 of 100. Fans f1..f40 each see anna's post and like it 5 minutes later, 20 minutes
/// apart; f1..f10 also see ben's post.</para>
/// <para>"spring" (from <see cref="Spring"/>, Monday 2 March 2026): anna (fixed 800, 10 %) sells 14 orders of 150; ben
/// (fixed 2,500, 5 %) 2 of 100; dan (fixed 500, 10 %) 2 of 200, and f1..f5 see dan's post.</para>
/// <para>So anna's reach is 40, ben's 10 (all of them anna's too) and dan's 5.</para>
/// </summary>
public static class RosterScenario
{
    public static readonly long Winter = Parse("2026-01-05T00:00:00Z");

    public static readonly long Spring = Parse("2026-03-02T00:00:00Z");

    public const long Minute = 60_000;

    public const long Hour = 60 * Minute;

    public const string Json = """
        {"campaigns":[
          {"campaign_id":"winter","brand_id":"acme","name":"Winter sale","currency":"USD",
           "goal":{"type":"sales","target":{"kpi":"revenue","value":10000},"baseline":null},
           "attribution":{"reporting_model":"last_touch","lookback_days":30,"time_decay_half_life_hours":168,"data_driven_min_conversions":300},
           "benchmarks":{"cpa":25.0,"cpm":{"instagram":8.0},"engagement_value":{"like":0.05,"comment":0.5,"share":0.75,"save":0.5}},
           "creators":[
             {"creator_id":"anna","name":"Anna","promo_codes":["ANNAW"],"links":["lnk-anna-w"],
              "costs":{"flat_fee":1000,"product":0,"production":0,"shipping":0,"agency_fee":0,"commission_rate":0.10}},
             {"creator_id":"ben","name":"Ben","promo_codes":["BENW"],"links":["lnk-ben-w"],
              "costs":{"flat_fee":2000,"product":500,"production":500,"shipping":0,"agency_fee":0,"commission_rate":0.05}}]},
          {"campaign_id":"spring","brand_id":"acme","name":"Spring launch","currency":"USD",
           "goal":{"type":"sales","target":{"kpi":"revenue","value":10000},"baseline":null},
           "attribution":{"reporting_model":"last_touch","lookback_days":30,"time_decay_half_life_hours":168,"data_driven_min_conversions":300},
           "benchmarks":{"cpa":25.0,"cpm":{"instagram":8.0},"engagement_value":{"like":0.05,"comment":0.5,"share":0.75,"save":0.5}},
           "creators":[
             {"creator_id":"anna","name":"Anna K.","promo_codes":["ANNAS"],"links":["lnk-anna-s"],
              "costs":{"flat_fee":800,"product":0,"production":0,"shipping":0,"agency_fee":0,"commission_rate":0.10}},
             {"creator_id":"ben","name":"Ben","promo_codes":["BENS"],"links":["lnk-ben-s"],
              "costs":{"flat_fee":2500,"product":0,"production":0,"shipping":0,"agency_fee":0,"commission_rate":0.05}},
             {"creator_id":"dan","name":"Dan","promo_codes":["DANS"],"links":["lnk-dan-s"],
              "costs":{"flat_fee":500,"product":0,"production":0,"shipping":0,"agency_fee":0,"commission_rate":0.10}}]},
          {"campaign_id":"coffee","brand_id":"brewco","name":"Coffee","currency":"USD",
           "goal":{"type":"sales","target":{"kpi":"revenue","value":10000},"baseline":null},
           "attribution":{"reporting_model":"last_touch","lookback_days":30,"time_decay_half_life_hours":168,"data_driven_min_conversions":300},
           "benchmarks":{"cpa":25.0,"cpm":{"instagram":8.0},"engagement_value":{"like":0.05,"comment":0.5,"share":0.75,"save":0.5}},
           "creators":[
             {"creator_id":"anna","name":"Anna","promo_codes":["ANNAC"],"links":["lnk-anna-c"],
              "costs":{"flat_fee":100,"product":0,"production":0,"shipping":0,"agency_fee":0,"commission_rate":0.10}}]}]}
        """;

    public static CampaignCatalog Catalog() => CampaignCatalog.Parse(Json);

    /// <summary>The two campaigns' events in time order; a last impression at <paramref name="newestTs"/> moves event time on.</summary>
    public static StreamEvent[] Events(long newestTs)
    {
        List<StreamEvent> events = [];
        for (var i = 1; i <= 40; i++)
        {
            var seen = Winter + (i * 20 * Minute);
            events.Add(Impression($"f{i}", seen, creator: "anna", content: "anna-w", campaign: "winter", id: $"w-imp-anna-{i}"));
            events.Add(Engagement($"f{i}", seen + (5 * Minute), creator: "anna", content: "anna-w", campaign: "winter", id: $"w-like-{i}"));
            if (i <= 10)
            {
                events.Add(Impression($"f{i}", seen + (7 * Minute), creator: "ben", content: "ben-w", campaign: "winter", id: $"w-imp-ben-{i}"));
            }
        }

        Buy(events, "winter", Winter + (20 * Hour), "anna", "anna-w", orders: 12, value: 150m);
        Buy(events, "winter", Winter + (30 * Hour), "ben", "ben-w", orders: 3, value: 100m);
        for (var i = 1; i <= 5; i++)
        {
            events.Add(Impression($"f{i}", Spring + (i * 20 * Minute), creator: "dan", content: "dan-s", campaign: "spring", id: $"s-imp-dan-{i}"));
        }

        Buy(events, "spring", Spring + (2 * Hour), "anna", "anna-s", orders: 14, value: 150m);
        Buy(events, "spring", Spring + (12 * Hour), "ben", "ben-s", orders: 2, value: 100m);
        Buy(events, "spring", Spring + (14 * Hour), "dan", "dan-s", orders: 2, value: 200m);
        events.Add(Impression("late", newestTs, creator: "anna", content: "anna-s", campaign: "spring", id: "newest"));
        return [.. events];
    }

    /// <summary>Buyers of one creator, ten minutes apart: each clicks and buys a minute later.</summary>
    private static void Buy(List<StreamEvent> events, string campaign, long from, string creator, string content, int orders, decimal value)
    {
        for (var i = 1; i <= orders; i++)
        {
            var user = $"{campaign}-{creator}-buyer-{i}";
            var at = from + (i * 10 * Minute);
            events.Add(Click(user, at, creator: creator, content: content, campaign: campaign, id: $"{user}-click"));
            events.Add(Conversion(user, at + Minute, value: value, campaign: campaign, id: $"{user}-order"));
        }
    }

    private static long Parse(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
}
