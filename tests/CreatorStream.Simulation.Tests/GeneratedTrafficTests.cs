using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Events;

namespace CreatorStream.Simulation.Tests;

[Collection(GeneratedSampleDefinition.Name)]
public sealed class GeneratedTrafficTests(GeneratedSample sample)
{
    // docs/design.md, "Event time": events more than 1 h behind the watermark (newest ts − 5 s) are late.
    private const long LatenessBoundMs = (60 * 60 * 1_000) + 5_000;

    private IEnumerable<GeneratedRecord> Genuine => sample.Records.Where(r => r.Kind == RecordKind.Genuine && r.FakeLabel is null);

    [Fact]
    public void Generate_Rates_MatchTheOptions()
    {
        var kinds = sample.Records.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(50_000, sample.Records.Count);
        Assert.InRange(kinds[RecordKind.Duplicate], 400, 600); // 1 % of 50 000 = 500, σ ≈ 22
        Assert.InRange(kinds[RecordKind.Malformed], 400, 600);
        Assert.False(kinds.ContainsKey(RecordKind.Late));
    }

    [Fact]
    public void Generate_Duplicates_RepeatAnEarlierRecordsBytes()
    {
        var earlier = new Dictionary<string, GeneratedRecord>();
        var duplicates = 0;

        foreach (var record in sample.Records)
        {
            var bytes = Convert.ToBase64String(record.Value);
            if (record.Kind == RecordKind.Duplicate)
            {
                Assert.True(earlier.TryGetValue(bytes, out var original), "a duplicate of nothing sent before");
                Assert.Equal(original.Event, record.Event);
                Assert.Equal(original.FakeLabel, record.FakeLabel);
                duplicates++;
            }
            else if (record.Kind == RecordKind.Genuine)
            {
                earlier.TryAdd(bytes, record);
            }
        }

        Assert.InRange(duplicates, 400, 600);
    }

    [Fact]
    public void Generate_Jitter_StaysBelowOutOfOrderMs()
    {
        var newest = GeneratedSample.StartMs;
        var disordered = 0;
        var worst = 0L;

        foreach (var e in sample.Records.Where(r => r.Event is not null).Select(r => (r.Event!.Ts, r.Kind)))
        {
            if (e.Kind is RecordKind.Genuine or RecordKind.Duplicate)
            {
                Assert.True(e.Ts >= newest - 2_000, $"ts {e.Ts} is {newest - e.Ts} ms behind");
                disordered += e.Ts < newest ? 1 : 0;
                worst = Math.Max(worst, newest - e.Ts);
            }

            newest = Math.Max(newest, e.Ts);
        }

        Assert.InRange(disordered, 5_000, 45_000); // there is real disorder to tolerate
        Assert.InRange(worst, 1_000, 2_000);
    }

    [Fact]
    public void Generate_LateRate_SendsEventsTwoHoursBehind()
    {
        // One event a second for 50 000 records is about 14 hours; late events appear after the first two.
        var options = GeneratedSample.Options with { EventsPerSecond = 1, LateRate = 0.01, DuplicateRate = 0.002, MalformedRate = 0.001 };
        var newest = options.StartMs;
        var late = 0;

        foreach (var record in new TrafficGenerator(options).Generate().Where(r => r.Event is not null))
        {
            var ts = record.Event!.Ts;
            Assert.True(ts >= options.StartMs);
            if (record.Kind == RecordKind.Late)
            {
                Assert.IsAssignableFrom<AudienceEvent>(record.Event);
                Assert.InRange(newest - ts, LatenessBoundMs, (2 * 60 * 60 * 1_000) + 2_000);
                late++;
            }
            else
            {
                Assert.True(ts >= newest - 2_000);
            }

            newest = Math.Max(newest, ts);
        }

        // Expected: 1 % of the records after the first two hours, about 0.86 % of all.
        Assert.InRange(late, 300, 550);
    }

    [Fact]
    public void Generate_Funnel_NarrowsFromImpressionsToConversions()
    {
        var events = Genuine.Select(r => r.Event!).ToList();
        var impressions = events.OfType<Impression>().Count();
        var engagements = events.OfType<Engagement>().ToList();
        var clicks = events.OfType<Click>().Count();
        var conversions = events.OfType<Conversion>().Count(c => !c.IsRefund);
        int Count(EngagementKind kind) => engagements.Count(e => e.Kind == kind);

        Assert.True(impressions > engagements.Count && engagements.Count > clicks && clicks > conversions, $"{impressions} > {engagements.Count} > {clicks} > {conversions}");
        Assert.InRange(engagements.Count / (double)impressions, 0.05, 0.12);
        Assert.InRange(clicks / (double)impressions, 0.01, 0.03);
        Assert.InRange(conversions / (double)clicks, 0.08, 0.4);
        Assert.True(Count(EngagementKind.Like) > 5 * Count(EngagementKind.Save), "likes dominate");
        Assert.All([EngagementKind.Comment, EngagementKind.Share, EngagementKind.Save], kind => Assert.True(Count(kind) > 100, $"{kind}: {Count(kind)}"));
    }

    [Fact]
    public void Generate_GenuineComments_AreAboutAFifthGenericPraise()
    {
        var comments = Genuine.Select(r => r.Event).OfType<Engagement>().Where(e => e.Kind == EngagementKind.Comment).Select(e => e.CommentText!).ToList();
        var praise = comments.Count(GenericPraise.Is);

        // 30 % are drawn from the praise list, 14 of its 16 texts read as generic praise, and 30 % of all comments
        // mention the creator (which GenericPraise does not count): 0.3 × 14/16 × 0.7 ≈ 18 %.
        Assert.True(comments.Count > 200, $"{comments.Count} comments");
        Assert.InRange(praise / (double)comments.Count, 0.14, 0.23);
    }

    [Fact]
    public void Generate_Conversions_MixCodesLinksAndBrandScope()
    {
        var conversions = Genuine.Select(r => r.Event).OfType<Conversion>().Where(c => !c.IsRefund).ToList();

        Assert.Contains(conversions, c => c.PromoCode is not null && c.LinkId is null);
        Assert.Contains(conversions, c => c.LinkId is not null);
        Assert.Contains(conversions, c => c is { PromoCode: null, LinkId: null });
        Assert.InRange(conversions.Count(c => c.CampaignId is null) / (double)conversions.Count, 0.05, 0.35);
        Assert.True(conversions.Count(c => c.Kind == ConversionKind.Purchase) > 3 * conversions.Count(c => c.Kind == ConversionKind.Signup));
        Assert.All(conversions.Where(c => c.Kind == ConversionKind.Purchase), c => Assert.True(c.Value >= 1m));
    }

    [Fact]
    public void Generate_Refunds_ReferenceAnEarlierOrderWithNoMoreThanItsValue()
    {
        // Refunds are rare (8 % of purchases, which are 0.2 % of events): a longer run without fakes gives enough.
        var options = GeneratedSample.Options with { MaxEvents = 150_000, Fakes = false, DuplicateRate = 0, MalformedRate = 0 };
        var orders = new Dictionary<string, Conversion>();
        var refunds = 0;

        foreach (var conversion in new TrafficGenerator(options).Generate().Select(r => r.Event).OfType<Conversion>())
        {
            if (!conversion.IsRefund)
            {
                Assert.True(orders.TryAdd(conversion.OrderId, conversion), $"order {conversion.OrderId} bought twice");
                continue;
            }

            Assert.True(orders.TryGetValue(conversion.OrderId, out var original), $"refund of unknown order {conversion.OrderId}");
            Assert.InRange(-conversion.Value, 0.01m, original.Value);
            Assert.True(conversion.Ts > original.Ts);
            Assert.Equal((original.UserId, original.BrandId, original.Currency, original.CampaignId), (conversion.UserId, conversion.BrandId, conversion.Currency, conversion.CampaignId));
            refunds++;
        }

        Assert.InRange(refunds, 10, 60);
    }

    [Fact]
    public void Generate_GenuineEngagements_MostlyFollowAnImpressionOfTheSameContent()
    {
        var shown = Genuine.Select(r => r.Event).OfType<Impression>().Select(i => (i.UserId, i.ContentId)).ToHashSet();
        var engagements = Genuine.Select(r => r.Event).OfType<Engagement>().ToList();

        var followed = engagements.Count(e => shown.Contains((e.UserId, e.ContentId))) / (double)engagements.Count;

        Assert.InRange(followed, 0.95, 0.995);
        Assert.All(engagements, e => Assert.InRange(e.AccountAgeDays!.Value, 1, 3_000));
        Assert.True(engagements.Count(e => e.AccountAgeDays > 90) > 0.9 * engagements.Count);
    }

    [Fact]
    public void Generate_EventsPerSecond_SetsTheGenuineIntensity()
    {
        var genuine = Genuine.Select(r => r.Event!.Ts).ToList();

        var perSecond = genuine.Count / ((genuine.Max() - genuine.Min()) / 1_000.0);

        Assert.InRange(perSecond, 17, 23); // 20 configured; viral surges make it vary
    }

    [Fact]
    public void Generate_Audience_OverlapsAcrossPlatformsAndCreators()
    {
        var impressions = Genuine.Select(r => r.Event).OfType<Impression>().ToList();

        var users = impressions.Select(i => i.UserId).Distinct().Count();
        var acrossPlatforms = impressions.GroupBy(i => (i.UserId, i.CreatorId)).Count(g => g.Select(i => i.Platform).Distinct().Count() > 1);
        var acrossCampaigns = impressions.GroupBy(i => i.UserId).Count(g => g.Select(i => i.CampaignId).Distinct().Count() > 1);

        Assert.InRange(impressions.Count / (double)users, 2, 20);
        Assert.True(acrossPlatforms > 500, $"{acrossPlatforms} user-creator pairs on several platforms");
        Assert.True(acrossCampaigns > 500, $"{acrossCampaigns} users in several campaigns");
    }

    [Fact]
    public void Generate_Fakes_CarryEveryLabelAndItsSignature()
    {
        var fakes = sample.Records.Where(r => r.Kind == RecordKind.Genuine && r.FakeLabel is not null)
            .GroupBy(r => r.FakeLabel!)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Event!).ToList());

        Assert.Equal(FakeLabels.All.Order(), fakes.Keys.Order());
        Assert.DoesNotContain(fakes.Values.SelectMany(e => e), e => e is Conversion);

        var farm = fakes[FakeLabels.BotFarm].Cast<Engagement>().ToList();
        Assert.True(farm.GroupBy(e => e.IpHash).Max(g => g.Select(e => e.UserId).Distinct().Count()) >= 5, "accounts share an IP");
        Assert.All(farm, e => Assert.InRange(e.AccountAgeDays!.Value, 0, 5));
        Assert.True(farm.Where(e => e.Kind == EngagementKind.Comment).Select(e => e.CommentText).Distinct().Count() <= 2 * farm.Select(e => e.ContentId).Distinct().Count());

        var likes = fakes[FakeLabels.BoughtLikes].Cast<Engagement>().ToList();
        Assert.All(likes, e => Assert.Equal(EngagementKind.Like, e.Kind));
        Assert.All(likes, e => Assert.InRange(e.AccountAgeDays!.Value, 0, 29));
        Assert.Equal(likes.Count, likes.Select(e => e.UserId).Distinct().Count());

        var clicks = fakes[FakeLabels.ClickFlood].Cast<Click>().ToList();
        Assert.All(clicks, c => Assert.InRange(c.DwellMs!.Value, 0, 299));
        Assert.True(clicks.Select(c => c.IpHash).Distinct().Count() <= 4 * clicks.Select(c => c.ContentId).Distinct().Count());

        var pod = fakes[FakeLabels.Pod];
        Assert.Contains(pod, e => e is Impression);
        var creatorsPerMember = pod.OfType<Engagement>().GroupBy(e => e.UserId).Select(g => g.Select(e => e.ContentId).Distinct().Count());
        Assert.True(creatorsPerMember.Min() >= 2, "pod members come back wave after wave");

        // Bot farms, bought likes and click floods are never shown what they act on.
        var fakeUsers = fakes[FakeLabels.BotFarm].Concat(fakes[FakeLabels.BoughtLikes]).Concat(fakes[FakeLabels.ClickFlood]).Select(e => e.UserId).ToHashSet();
        Assert.DoesNotContain(sample.Records.Select(r => r.Event).OfType<Impression>(), i => fakeUsers.Contains(i.UserId));
    }
}
