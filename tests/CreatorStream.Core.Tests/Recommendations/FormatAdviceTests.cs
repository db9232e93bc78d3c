using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Recommendations;
using CreatorStream.Core.State;
using CreatorStream.Testing;

namespace CreatorStream.Core.Tests.Recommendations;

/// <summary>
/// Formats judged by credited conversions, and the creator suggestions made from them, on hand-made state (docs/design.md,
/// "Recommendations"). anna: reels r1 and r2 (1,000 impressions each; 12 and 10 conversions, 50 each), stories s1 and s2
/// (1,000 each; 2 and 3), video v1 on TikTok (500; 5). ben: one reel b1 on Instagram (2,000; 4).
/// </summary>
public sealed class FormatAdviceTests
{
    [Fact]
    public void Of_PerCreatorAndPlatform_SumsEachFormatsCreditPerThousandImpressions()
    {
        var (outcomes, _) = FormatAdvice.Of(TestCampaigns.Spring().Campaigns[0], State(reelConversions: (12, 10)));

        var anna = outcomes.Where(o => o.Segment == "creator" && o.SegmentId == "anna").ToList();
        Assert.Equal(["reel", "video", "story"], anna.Select(o => o.ContentFormat)); // 11, 10 and 2.5 per 1,000
        Assert.Equal((2, 2_000L, 22.0, 1_100.0, 11.0, 550.0), (anna[0].Posts, anna[0].Impressions, anna[0].Conversions, anna[0].Revenue, anna[0].ConversionsPerThousand, anna[0].RevenuePerThousand));
        Assert.Equal([true, false, false], anna.Select(o => o.Best));

        var instagram = outcomes.Where(o => o.Segment == "platform" && o.SegmentId == "instagram").ToList();
        Assert.Equal(["reel", "story"], instagram.Select(o => o.ContentFormat));
        Assert.Equal((3, 4_000L, 26.0, 6.5), (instagram[0].Posts, instagram[0].Impressions, instagram[0].Conversions, instagram[0].ConversionsPerThousand));

        // TikTok's only format has 500 impressions: too few to be called best.
        var tiktok = Assert.Single(outcomes, o => o.Segment == "platform" && o.SegmentId == "tiktok");
        Assert.Equal(("video", false), (tiktok.ContentFormat, tiktok.Best));
    }

    [Fact]
    public void Of_ReelsConvertingFourTimesAsOftenBeyondChance_SuggestsBriefingReels_WithTheEvidence()
    {
        var (_, suggestions) = FormatAdvice.Of(TestCampaigns.Spring().Campaigns[0], State(reelConversions: (12, 10)));

        // Reels 22 over 2,000 impressions against stories 5 over 2,000: under one rate, 13.5 ± √(27 × ¼) expected, so
        // z = 8.5 / 2.598 = 3.27. The posts sit close to their format's rate (χ² 0.38 over 2 degrees): no inflation.
        var suggestion = Assert.Single(suggestions); // ben has one format: nothing to compare
        Assert.Equal(("anna", "brief_format", "reel", "story"), (suggestion.CreatorId, suggestion.Kind, suggestion.Format, suggestion.ComparedWith));
        Assert.Equal(4.4, suggestion.Ratio!.Value, 12);
        Assert.Equal(8.5 / Math.Sqrt(27 * 0.25), suggestion.Z, 12);
        Assert.Equal((22.0, 5.0), (suggestion.Evidence.Conversions, suggestion.ComparedEvidence.Conversions));
        Assert.Equal(
            "Anna's audience converts 4.4× more on reels than on stories: 11.00 against 2.50 credited conversions per 1,000 impressions (22 over 2 posts against 5 over 2). Brief more reels.",
            suggestion.Message);
    }

    [Fact]
    public void Of_TheSameTotalsFromOneLuckyReel_SuggestsNothing()
    {
        // 21 and 1 conversions: the posts spread far beyond Poisson (χ² (100 + 100) / 11 + 0.2 = 18.38 over 2 degrees),
        // so z falls to 3.27 / √9.19 = 1.08: one post's luck, not the format's.
        var (outcomes, suggestions) = FormatAdvice.Of(TestCampaigns.Spring().Campaigns[0], State(reelConversions: (21, 1)));

        Assert.Empty(suggestions);
        Assert.Equal(22.0, outcomes.Single(o => o.SegmentId == "anna" && o.ContentFormat == "reel").Conversions); // the same figures
    }

    private static CampaignState State((double First, double Second) reelConversions)
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

        Post("anna", "r1", Platform.Instagram, ContentFormat.Reel, 1_000, reelConversions.First);
        Post("anna", "r2", Platform.Instagram, ContentFormat.Reel, 1_000, reelConversions.Second);
        Post("anna", "s1", Platform.Instagram, ContentFormat.Story, 1_000, 2);
        Post("anna", "s2", Platform.Instagram, ContentFormat.Story, 1_000, 3);
        Post("anna", "v1", Platform.TikTok, ContentFormat.Video, 500, 5);
        Post("ben", "b1", Platform.Instagram, ContentFormat.Reel, 2_000, 4);
        var attribution = CampaignAttribution.Empty with { Content = credit };
        return new CampaignState("spring", StateWindow.CampaignToDate, AggregateView.Empty, new Dictionary<string, AggregateView>(), content, EventBuilder.T0) { Attribution = attribution };
    }
}
