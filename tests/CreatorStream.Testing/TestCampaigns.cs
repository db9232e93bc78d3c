using CreatorStream.Core.Configuration;

namespace CreatorStream.Testing;

/// <summary>Campaign configurations for hand-computed tests.</summary>
public static class TestCampaigns
{
    /// <summary>Campaign "spring" of brand "acme" with creators anna and ben; CPM 8 on Instagram, 4 on TikTok; a like is worth 0.05, a comment 0.5, a share 0.75, a save 0.5.</summary>
    public const string SpringJson = """
        {"campaigns":[{"campaign_id":"spring","brand_id":"acme","name":"Spring launch","currency":"USD",
          "goal":{"type":"sales","target":{"kpi":"revenue","value":50000},"baseline":null},
          "attribution":{"reporting_model":"last_touch","lookback_days":30,"time_decay_half_life_hours":168,"data_driven_min_conversions":300},
          "benchmarks":{"cpa":25.0,"cpm":{"instagram":8.0,"tiktok":4.0},"engagement_value":{"like":0.05,"comment":0.5,"share":0.75,"save":0.5}},
          "creators":[
            {"creator_id":"anna","name":"Anna","promo_codes":["ANNA10"],"links":["lnk-anna"],
             "costs":{"flat_fee":1000,"product":50,"production":200,"shipping":20,"agency_fee":100,"commission_rate":0.10}},
            {"creator_id":"ben","name":"Ben","promo_codes":["BEN10"],"links":["lnk-ben"],
             "costs":{"flat_fee":500,"product":0,"production":0,"shipping":0,"agency_fee":0,"commission_rate":0.05}}]}]}
        """;

    public static CampaignCatalog Spring() => CampaignCatalog.Parse(SpringJson);
}
