using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Recommendations;
using CreatorStream.Core.State;
using CreatorStream.Testing;

namespace CreatorStream.Core.Tests.Recommendations;

/// <summary>
/// Formats judged by credited conversions, and the creator suggestions made from them, on hand-made state (docs/design.md,
/// "Recommendations"). anna: five reels and five stories on Instagram of 1,000 impressions each (stories converting 1,
/// 1, 0, 1 and 2), one video on TikTok (500 impressions, 5 conversions); ben: one reel on Instagram (2,000; 4). Every
/// conversion is worth 50.
/// </summary>
public sealed class FormatAdviceTests
{
    private static readonly double[] SteadyReels = [5, 4, 5, 4, 4];
    private static readonly double[] OneLuckyReel = [18, 1, 1, 1, 1];

    [Fact]
    public void Of_PerCreatorAndPlatform_SumsEachFormatsCreditPerThousandImpressions()
    {
        var (outcomes, _) = FormatAdvice.Of(TestCampaigns.Spring().Campaigns[0], State(SteadyReels));

        var anna = outcomes.Where(o => o.Segment == "creator" && o.SegmentId == "anna").ToList();
        Assert.Equal(["video", "reel", "story"], anna.Select(o => o.ContentFormat)); // 10, 4.4 and 1 per 1,000
        var reel = anna[1];
        Assert.Equal((5, 5_000L, 22.0, 1_100.0, 4.4, 220.0), (reel.Posts, reel.Impressions, reel.Conversions, reel.Revenue, reel.ConversionsPerThousand!.Value, reel.RevenuePerThousand!.Value));
        Assert.Equal([false, true, false], anna.Select(o => o.Best)); // the video's 500 impressions are too few to rank

        var instagram = outcomes.Where(o => o.Segment == "platform" && o.SegmentId == "instagram").ToList();
        Assert.Equal(["reel", "story"], instagram.Select(o => o.ContentFormat));
        Assert.Equal((6, 7_000L, 26.0), (instagram[0].Posts, instagram[0].Impressions, instagram[0].Conversions));
        Assert.Equal(26.0 / 7, instagram[0].ConversionsPerThousand!.Value, 12);
        var tiktok = Assert.Single(outcomes, o => o.Segment == "platform" && o.SegmentId == "tiktok");
        Assert.Equal(("video", false), (tiktok.ContentFormat, tiktok.Best));
    }

    [Fact]
    public void Of_PerCountry_WeighsEachCountrysCreditAgainstItsImpressions()
    {
        // From Germany: anna's reel r0 600 impressions and 3 credited conversions, her story s0 1,000 and 1, ben's reel
        // 1,500 and 3. From France: r0 400 and 2, ben's reel 500 and 1 (100 of them from " fr"), and ben's m1, a reel on Instagram and a video on
        // TikTok, 300 and 4, seen from France on Instagram only: all of France's credit for m1 is the reel's. A post whose
        // format is not known (x1) is left out, and credit under another model is not the reporting model's.
        var state = State(SteadyReels);
        var content = new Dictionary<ContentRef, AggregateView>(state.Content)
        {
            [new ContentRef("ben", "m1", Platform.Instagram)] = new AggregateView(new Counters { Impressions = 300 }, 300, EventBuilder.T0, 0, ContentFormat.Reel),
            [new ContentRef("ben", "m1", Platform.TikTok)] = new AggregateView(new Counters { Impressions = 300 }, 300, EventBuilder.T0, 0, ContentFormat.Video),
        };
        state = state with { Content = content };
        var reach = new Dictionary<(string, string, Platform, string), CountryReach>();
        var byCountry = new Dictionary<(string, string, string), CreditSums>();
        void From(string country, string creator, string id, long impressions, double conversions, string model = "last_touch")
        {
            var seen = default(CountryReach);
            seen.Add(impressions, impressions / 50);
            reach[(creator, id, Platform.Instagram, country)] = seen;
            var sums = default(CreditSums);
            sums.Add(conversions, conversions * 50);
            byCountry[(id, country, model)] = sums;
        }

        From("DE", "anna", "r0", 600, 3);
        From("DE", "anna", "s0", 1_000, 1);
        From("DE", "ben", "b1", 1_500, 3);
        From("FR", "anna", "r0", 400, 2);
        From("FR", "ben", "b1", 400, 1);
        From(" fr", "ben", "b1", 100, 0); // the same audience, written otherwise by a producer
        From("FR", "anna", "x1", 9_000, 9);
        From("FR", "ben", "m1", 300, 4);
        byCountry[("s0", "DE", "linear")] = byCountry[("r0", "DE", "last_touch")];
        state = state with { Attribution = state.Attribution with { CountryReach = reach, ByCountry = byCountry } };

        var (outcomes, _) = FormatAdvice.Of(TestCampaigns.Spring().Campaigns[0], state);

        var germany = outcomes.Where(o => o.Segment == "country" && o.SegmentId == "DE").ToList();
        Assert.Equal(["reel", "story"], germany.Select(o => o.ContentFormat)); // 6 over 2,100 impressions, then 1 over 1,000
        Assert.Equal((2, 2_100L, 42L, 6.0, 300.0, true), (germany[0].Posts, germany[0].Impressions, germany[0].Clicks, germany[0].Conversions, germany[0].Revenue, germany[0].Best));
        Assert.Equal(6_000 / 2_100.0, germany[0].ConversionsPerThousand!.Value, 12);
        Assert.Equal((1, 1_000L, 1.0, false), (germany[1].Posts, germany[1].Impressions, germany[1].Conversions, germany[1].Best));
        var france = Assert.Single(outcomes, o => o.Segment == "country" && o.SegmentId == "FR");
        Assert.Equal(("reel", 3, 1_200L, 7.0, true), (france.ContentFormat, france.Posts, france.Impressions, france.Conversions, france.Best));
        Assert.Equal(["creator", "platform", "country"], outcomes.Select(o => o.Segment).Distinct()); // the country rows come last
    }

    [Fact]
    public void Of_EveryReelOutsellingEveryStory_SuggestsBriefingReels_WithTheEvidence()
    {
        var (_, suggestions) = FormatAdvice.Of(TestCampaigns.Spring().Campaigns[0], State(SteadyReels));

        // Every reel (4 or 5) outsold every story (at most 2) on equal impressions: of the 252 ways to split the ten posts
        // into five and five, only the real one puts 22 conversions on one side, so p = 1/252.
        var suggestion = Assert.Single(suggestions); // ben has one format: nothing to compare
        Assert.Equal(("anna", "brief_format", "reel", "story"), (suggestion.CreatorId, suggestion.Kind, suggestion.Format, suggestion.ComparedWith));
        Assert.Equal(4.4, suggestion.Ratio!.Value, 12);
        Assert.Equal(1 / 252.0, suggestion.PValue, 12);
        Assert.Equal((22.0, 5.0), (suggestion.Evidence.Conversions, suggestion.ComparedEvidence.Conversions));
        Assert.Equal(
            "Anna's audience converts 4.4× more on reels than on stories: 4.40 against 1.00 credited conversions per 1,000 impressions (22 over 5 posts against 5 over 5). Brief more reels.",
            suggestion.Message);
    }

    [Fact]
    public void Of_TheSameTotalsFromOneLuckyReel_SuggestsNothing()
    {
        // 18, 1, 1, 1 and 1: any five posts holding the lucky reel and at least 4 more conversions sum to 22 or more:
        // C(8, 4) = 70 without the story that sold nothing, and 21 with it and the story that sold 2. p = 91/252.
        var (outcomes, suggestions) = FormatAdvice.Of(TestCampaigns.Spring().Campaigns[0], State(OneLuckyReel));

        Assert.Empty(suggestions);
        Assert.Equal(22.0, outcomes.Single(o => o.SegmentId == "anna" && o.ContentFormat == "reel").Conversions); // the same figures
        Assert.Equal(91 / 252.0, FormatAdvice.PermutationP([.. OneLuckyReel.Concat([1, 1, 0, 1, 2]).Select(c => (1_000L, c))], 5), 12);
    }

    [Fact]
    public void PermutationP_ManyPosts_DrawsRepeatably_AndNeverSaysZero()
    {
        // 30 posts a side: C(60, 30) splits, far too many to count; the draws use a fixed seed.
        var posts = Enumerable.Range(0, 60).Select(i => (1_000L, i < 30 ? 9.0 : 1.0)).ToList();

        var p = FormatAdvice.PermutationP(posts, 30);

        Assert.Equal(1 / (FormatAdvice.PermutationDraws + 1.0), p, 15);
        Assert.Equal(p, FormatAdvice.PermutationP(posts, 30));
    }

    private static CampaignState State(double[] reels)
    {
        var content = new Dictionary<ContentRef, AggregateView>();
        var credit = new Dictionary<(string, string), CreditSums>();
        void Post(string creator, string id, Platform platform, ContentFormat format, long impressions, double conversions)
        {
            content[new ContentRef(creator, id, platform)] = new AggregateView(new Counters { Impressions = impressions, Clicks = impressions / 50 }, impressions / 2, EventBuilder.T0, 0, format);
            var sums = default(CreditSums);
            sums.Add(conversions, conversions * 50);
            credit[(id, "last_touch")] = sums;
        }

        double[] stories = [1, 1, 0, 1, 2];
        for (var i = 0; i < 5; i++)
        {
            Post("anna", $"r{i}", Platform.Instagram, ContentFormat.Reel, 1_000, reels[i]);
            Post("anna", $"s{i}", Platform.Instagram, ContentFormat.Story, 1_000, stories[i]);
        }

        Post("anna", "v1", Platform.TikTok, ContentFormat.Video, 500, 5);
        Post("ben", "b1", Platform.Instagram, ContentFormat.Reel, 2_000, 4);
        var attribution = CampaignAttribution.Empty with { Content = credit };
        return new CampaignState("spring", StateWindow.CampaignToDate, AggregateView.Empty, new Dictionary<string, AggregateView>(), content, EventBuilder.T0) { Attribution = attribution };
    }
}
