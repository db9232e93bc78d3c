using System.Text;
using CreatorStream.Core.Estimates;
using CreatorStream.Core.Roster;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Replay;
using CreatorStream.Processing.Roster;
using CreatorStream.Processing.State;
using CreatorStream.Testing;
using static CreatorStream.Testing.RosterScenario;

namespace CreatorStream.Processing.Tests.Roster;

/// <summary>
/// docs/design.md, "Roster": <see cref="RosterScenario"/> replayed into a store, and the brand's roster read from it,
/// every figure worked out by hand from the scenario.
/// </summary>
public sealed class RosterReaderTests
{
    private static readonly long Newest = Spring + (3 * 24 * Hour);

    [Fact]
    public async Task ReadAsync_ReplayedScenario_JudgesEachCreatorOnTheirPooledCampaigns()
    {
        var store = await ReplayAsync();
        var acme = Catalog().Campaigns.Where(c => c.BrandId == "acme").ToList();

        var roster = await RosterReader.ReadAsync("acme", acme, store, CancellationToken.None);

        Assert.Equal(["anna", "ben", "dan"], roster.Creators.Select(c => c.CreatorId));
        Assert.Equal(Newest, roster.AsOf);
        var (anna, ben, dan) = (roster.Creators[0], roster.Creators[1], roster.Creators[2]);

        // anna: 12 × 150 in winter (cost 1,000 + 180), 14 × 150 in spring (cost 800 + 210); named as in her newest campaign.
        Assert.Equal(("Anna K.", RosterActions.Expand, "high"), (anna.Name, anna.Action, anna.Confidence));
        Assert.Equal(["winter", "spring"], anna.History.Select(h => h.CampaignId));
        Assert.Equal((12.0, 1800.0, 1180.0), (anna.History[0].Conversions, anna.History[0].Revenue, anna.History[0].Cost));
        Assert.Equal((14.0, 2100.0, 1010.0), (anna.History[1].Conversions, anna.History[1].Revenue, anna.History[1].Cost));
        Assert.Equal((1800 - 1180) / 1180.0, anna.History[0].Roi!.Value, 12);
        Assert.Equal(1710.0 / 2190, anna.Evidence.Roi!.Estimate, 12);
        Assert.Equal((40L, 40L, 1.0), (anna.Evidence.EngagementsJudged, anna.History[0].AuthenticEngagements, anna.Evidence.AuthenticShare!.Estimate));
        Assert.Equal((40L, 1L), (anna.History[0].Reach, anna.History[1].Reach)); // the newest event's viewer in spring

        // ben: 3 × 100 and 2 × 100 against 3,000 and 2,500 fixed at 5 %.
        Assert.Equal((RosterActions.Conclude, "high"), (ben.Action, ben.Confidence));
        Assert.Equal((500 - 5525) / 5525.0, ben.Evidence.Roi!.Estimate, 12);
        Assert.Equal(3015 / 3.0, ben.History[0].Cpa!.Value, 9); // 3,000 fixed + 5 % of 300

        // dan: 2 × 200 against 540; the interval spans zero.
        Assert.Equal((RosterActions.Renew, "low"), (dan.Action, dan.Confidence));
        Assert.Equal((400 - 540) / 540.0, dan.Evidence.Roi!.Estimate, 12);
    }

    [Fact]
    public async Task ReadCreatorAsync_Anna_HasHerWeeksAndWhoElseReachedHerAudience()
    {
        var store = await ReplayAsync();
        var acme = Catalog().Campaigns.Where(c => c.BrandId == "acme").ToList();

        var history = await RosterReader.ReadCreatorAsync("acme", acme, "anna", store, CancellationToken.None);

        Assert.NotNull(history);

        // All 40 likes fall on Monday 5 January 2026: the week that starts then.
        var week = Assert.Single(history.Weeks);
        Assert.Equal((Winter, 40L, 40L, 0L), (week.Start, week.Engagements, week.Authentic, week.Inauthentic));
        Assert.Equal(Interval.Wilson(40, 40, Interval.Z90), week.AuthenticShare);

        // ben reached f1..f10 and dan f1..f5, all anna's fans (41 with the newest event's viewer): exact, as the audiences are small.
        Assert.Equal(["ben", "dan"], history.Overlap.Select(o => o.CreatorId));
        Assert.All(history.Overlap, o => Assert.True(o.Exact));
        Assert.Equal((10.0, 10L, 10 / 41.0), (history.Overlap[0].Users.Estimate, history.Overlap[0].Reach, history.Overlap[0].Share!.Value));
        Assert.Equal((5.0, 5L, 5 / 41.0), (history.Overlap[1].Users.Estimate, history.Overlap[1].Reach, history.Overlap[1].Share!.Value));
    }

    [Fact]
    public async Task ReadCreatorAsync_CreatorOfNoCampaignRead_IsNull_AndAnotherBrandsCampaignIsNotRead()
    {
        var store = await ReplayAsync();
        var spring = Catalog().Campaigns.Where(c => c.CampaignId == "spring").ToList();

        Assert.Null(await RosterReader.ReadCreatorAsync("acme", spring, "zoe", store, CancellationToken.None));
        var anna = await RosterReader.ReadCreatorAsync("acme", spring, "anna", store, CancellationToken.None);
        Assert.Equal(["spring"], anna!.Suggestion.History.Select(h => h.CampaignId));
        Assert.Equal(["spring"], anna.Campaigns);
    }

    [Fact]
    public async Task ReadAsync_ACampaignWithNoFiguresYet_AddsNoFeeToThePool()
    {
        var store = await ReplayAsync();
        var summer = Core.Configuration.CampaignCatalog.Parse(Json.Replace("""{"campaign_id":"coffee","brand_id":"brewco""", """
            {"campaign_id":"summer","brand_id":"acme","name":"Summer","currency":"USD",
             "goal":{"type":"sales","target":{"kpi":"revenue","value":10000},"baseline":null},
             "attribution":{"reporting_model":"last_touch","lookback_days":30,"time_decay_half_life_hours":168,"data_driven_min_conversions":300},
             "benchmarks":{"cpa":25.0,"cpm":{"instagram":8.0},"engagement_value":{"like":0.05,"comment":0.5,"share":0.75,"save":0.5}},
             "creators":[
               {"creator_id":"anna","name":"Anna","promo_codes":["ANNAU"],"links":["lnk-anna-u"],"costs":{"flat_fee":1500,"product":0,"production":0,"shipping":0,"agency_fee":0,"commission_rate":0.10}},
               {"creator_id":"gus","name":"Gus","promo_codes":["GUSU"],"links":["lnk-gus-u"],"costs":{"flat_fee":1500,"product":0,"production":0,"shipping":0,"agency_fee":0,"commission_rate":0.10}}]},
            {"campaign_id":"coffee","brand_id":"brewco
            """, StringComparison.Ordinal));
        var acme = summer.Campaigns.Where(c => c.BrandId == "acme").ToList();

        var roster = await RosterReader.ReadAsync("acme", acme, store, CancellationToken.None);

        var anna = roster.Creators.Single(c => c.CreatorId == "anna");
        Assert.Equal((2190.0, RosterActions.Expand), (anna.Evidence.Cost, anna.Action)); // summer's 1,500 is not counted
        var gus = roster.Creators.Single(c => c.CreatorId == "gus");
        Assert.Equal((RosterActions.Renew, "low"), (gus.Action, gus.Confidence));
    }

    private static async Task<InMemoryStateStore> ReplayAsync()
    {
        var store = new InMemoryStateStore();
        var text = string.Join('\n', Events(Newest).Select(e => Encoding.UTF8.GetString(EventBuilder.Line(e))));
        await new Replayer(Catalog(), ProcessorOptions.Default, TimeProvider.System).RunAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), null, CancellationToken.None, store);
        return store;
    }
}
