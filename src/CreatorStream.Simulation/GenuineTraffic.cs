using CreatorStream.Core.Events;
using CreatorStream.Core.Sketches;

namespace CreatorStream.Simulation;

/// <summary>
/// Genuine sessions and where they lead. A session is one user shown one post (an impression); a few engage
/// (like ≫ save, comment, share), fewer click the creator's link, and some of those buy minutes later, by link,
/// by promo code or with neither; a few purchases are refunded later still. Rates are typical organic ranges:
/// 3–9 % engagement by platform, about 1.5 % click-through, 8 % of clicks converting.
/// Mutable; one per enumeration.
/// </summary>
internal sealed class GenuineTraffic
{
    /// <summary>
    /// Events a session yields on average with the probabilities below (1 impression, about 0.1 engagements,
    /// 0.02 clicks, 0.004 conversions and refunds), measured over a day of event time so the daily engagement
    /// cycle averages out. Sets the session rate that gives <see cref="GeneratorOptions.EventsPerSecond"/>.
    /// </summary>
    public const double EventsPerSession = 1.105;

    private const double ClickRateEngaged = 0.06;
    private const double ClickRateViewed = 0.012;
    private const double ConversionRateClicked = 0.08;
    private const double ConversionRateEngaged = 0.004;
    private const double ConversionRateViewed = 0.0012;

    // Shoppers who buy from the brand with no campaign in play: the conversions no model should credit.
    private const double BaselineConversionRate = 0.0004;

    // Share of purchases refunded (online retail returns run 5–30 %; kept low, as for consumables).
    private const double RefundRate = 0.08;

    // Share of qualified leads the brand's sales team goes on to win (B2B lead-to-customer rates run 10-40 %).
    private const double LeadWinShare = 0.35;

    // Share of genuine comments that are generic praise ("love this", "so good 🔥"): the same words a pod uses, so the
    // pod_comment signal's cost on real audiences is measured. Not from a published rate (none we can cite): short
    // compliments and emoji are a large part of comment sections under creator posts, and 30 % is on the high side on
    // purpose, so the cost is measured under stress rather than flattered (docs/benchmarks.md also gives 50 %).
    private const double GenericPraiseShare = 0.3;

    private static readonly double[] KindWeights = [74, 9, 7, 10]; // like, comment, share, save

    private readonly TrafficSimulation _simulation;
    private long _outsiders;

    public GenuineTraffic(TrafficSimulation simulation)
    {
        _simulation = simulation;
        BaseRatePerMs = simulation.Options.EventsPerSecond / 1_000 / EventsPerSession / (1 + ViralSurges.Share);
    }

    /// <summary>Sessions per ms outside surges.</summary>
    public double BaseRatePerMs { get; }

    public void Session(long t0, Post post, bool viral)
    {
        var rng = _simulation.Random;
        var creator = post.Creator;
        var userIndex = viral && rng.Chance(0.5) ? Audience.OutsidersStart + _outsiders++ : PickUser(creator, rng);
        var who = _simulation.World.Audience.Genuine(userIndex, rng);
        var engaged = rng.Chance(EngagementProbability(post, t0, viral));

        // 2 % of engaging sessions lost their impression upstream (SDK gaps, blockers): genuine noise for the
        // "engaged with content never shown" signal.
        if (!engaged || !rng.Chance(0.02))
        {
            _simulation.Emit(EventFactory.Impression(_simulation.NextEventId(), t0, post, who), null);
        }

        var t = t0;
        if (engaged)
        {
            var kind = (EngagementKind)rng.PickWeighted(KindWeights);
            t += Delay(rng, 6_000);
            Engage(t, post, who, kind, rng);
            var second = (EngagementKind)rng.PickWeighted(KindWeights);
            if (second != kind && rng.Chance(0.25))
            {
                t += Delay(rng, 5_000);
                Engage(t, post, who, second, rng);
            }
        }

        if (rng.Chance((engaged ? ClickRateEngaged : ClickRateViewed) * creator.ClickFactor))
        {
            t += Delay(rng, 8_000);

            // Most visitors read for a while; 4 % are accidental taps that bounce at once.
            var dwell = rng.Chance(0.04) ? rng.Uniform(300, 3_000) : Math.Max(1_500, rng.LogNormal(35_000, 1.0));
            var pages = Math.Min(12, 1 + (int)rng.Exponential(1.5));
            _simulation.Schedule(EventFactory.Click(_simulation.NextEventId(), t, post, who, (long)dwell, pages, rng.Chance(0.4)), null);
            if (rng.Chance(ConversionRateClicked * creator.ConversionFactor))
            {
                Convert(who.UserId, creator, t + 10_000 + (long)rng.Exponential(100_000), post.LinkId, rng);
            }
        }
        else if (rng.Chance((engaged ? ConversionRateEngaged : ConversionRateViewed) * creator.ConversionFactor))
        {
            // A view-through purchase: remembered the code, or came back to the shop on their own.
            Convert(who.UserId, creator, t0 + 60_000 + (long)rng.Exponential(360_000), null, rng);
        }

        if (rng.Chance(BaselineConversionRate))
        {
            Baseline(t0, rng);
        }
    }

    private static long Delay(Prng rng, double median) => (long)Math.Max(300, rng.LogNormal(median, 0.8));

    private static long PickUser(CreatorProfile creator, Prng rng)
    {
        // Skewed towards the start of a range: a few heavy viewers, a long tail of occasional ones. 60 % come
        // from the creator's core audience (a third of the pool), the rest from the whole campaign pool.
        var size = creator.Campaign.UserPoolSize;
        var skew = Math.Pow(rng.NextDouble(), 1.4);
        var index = rng.Chance(0.6)
            ? ((long)(creator.AudienceOffset * size) + (long)(skew * size / 3)) % size
            : (long)(skew * size);
        return creator.Campaign.UserPoolStart + index;
    }

    private static double EngagementProbability(Post post, long ts, bool viral)
    {
        // Evening (UTC) audiences engage more: ±25 % over the day, peaking at 19:00, so posting windows differ.
        var hour = ts % 86_400_000 / 3_600_000.0;
        var daily = 1 + (0.25 * Math.Cos(2 * Math.PI * (hour - 19) / 24));
        var p = PlatformTraits.EngagementRate(post.Platform) * post.Creator.EngagementFactor * post.Quality * daily * (viral ? 1.3 : 1.0);
        return Math.Min(0.6, p);
    }

    private void Engage(long ts, Post post, in AudienceMember who, EngagementKind kind, Prng rng)
    {
        string? comment = null;
        if (kind == EngagementKind.Comment)
        {
            var text = CommentText(rng.NextDouble());
            comment = rng.Chance(0.3) ? "@" + post.Creator.FirstName.ToLowerInvariant() + " " + text : text;
        }

        _simulation.Schedule(EventFactory.Engagement(_simulation.NextEventId(), ts, post, who, kind, comment), null);
    }

    /// <summary>
    /// A genuine comment's text from one uniform draw: generic praise below <see cref="GenericPraiseShare"/>, otherwise
    /// a comment about something. One draw, as a plain pick took, so adding praise changed no other event of a seed.
    /// </summary>
    private static string CommentText(double u)
    {
        string[] texts = u < GenericPraiseShare ? Vocabulary.GenuinePraise : Vocabulary.GenuineComments;
        var position = u < GenericPraiseShare ? u / GenericPraiseShare : (u - GenericPraiseShare) / (1 - GenericPraiseShare);
        return texts[Math.Min(texts.Length - 1, (int)(position * texts.Length))];
    }

    private void Convert(string userId, CreatorProfile creator, long ts, string? linkId, Prng rng)
    {
        var campaign = creator.Campaign;
        var purchase = rng.Chance(0.85);
        var orderId = _simulation.NextOrderId();
        var (kindDraw, newDraw) = OrderDraws(orderId);
        var conversion = new Conversion
        {
            EventId = _simulation.NextEventId(),
            Ts = ts,
            UserId = userId,
            BrandId = campaign.Config.BrandId,
            OrderId = orderId,
            Kind = purchase ? ConversionKind.Purchase : kindDraw < 0.5 ? ConversionKind.Signup : ConversionKind.Lead,
            IsNewCustomer = newDraw < NewCustomerShare(creator.Config.CreatorId),
            Value = purchase ? Price(campaign, rng) : 0m,
            Currency = campaign.Config.Currency,

            // 15 % arrive without a campaign (the shop could not tell): attribution must scope them by brand.
            CampaignId = rng.Chance(0.85) ? campaign.CampaignId : null,
            PromoCode = rng.Chance(linkId is null ? 0.6 : 0.25) ? rng.Pick(creator.Config.PromoCodes) : null,
            LinkId = linkId is not null && rng.Chance(0.75) ? linkId : null,
        };

        _simulation.Schedule(conversion, null);
        if (conversion.Kind == ConversionKind.Lead)
        {
            ScheduleLeadUpdates(conversion, creator.Config.CreatorId);
        }

        if (purchase && rng.Chance(RefundRate))
        {
            // Mostly a full refund; a fifth are partial (one item of the order returned).
            var refund = rng.Chance(0.8) ? conversion.Value : Math.Round(conversion.Value * (decimal)rng.Uniform(0.3, 0.7), 2);
            _simulation.Schedule(
                conversion with { EventId = _simulation.NextEventId(), Ts = ts + 30_000 + (long)rng.Exponential(240_000), Value = -refund },
                null);
        }
    }

    /// <summary>
    /// The brand's CRM on a lead: qualified (at the creator's own rate) or disqualified one to five minutes later, and a
    /// qualified lead won at <see cref="LeadWinShare"/> a few minutes after that. Drawn from the order id, not the random
    /// stream (see <see cref="OrderDraws"/>); the times are compressed as the refunds' are, so a short run has them.
    /// </summary>
    private void ScheduleLeadUpdates(Conversion lead, string creatorId)
    {
        var draws = UserHash.Of(lead.OrderId + "|lead");
        var times = UserHash.Of(lead.OrderId + "|lead-times");
        static double Unit(ulong bits, int shift) => ((bits >> shift) & 0xFFFF) / 65536.0;

        var qualified = Unit(draws, 0) < LeadQualifiedShare(creatorId);
        var judgedAt = lead.Ts + 60_000 + (long)(Unit(times, 0) * 240_000);
        var score = Math.Round((decimal)(qualified ? 60 + (40 * Unit(draws, 16)) : 40 * Unit(draws, 16)), 1);
        _simulation.Schedule(LeadUpdateOf(lead, "-lu1", judgedAt, qualified ? LeadStatus.Qualified : LeadStatus.Disqualified, score), null);
        if (qualified && Unit(draws, 32) < LeadWinShare)
        {
            _simulation.Schedule(LeadUpdateOf(lead, "-lu2", judgedAt + 60_000 + (long)(Unit(times, 16) * 300_000), LeadStatus.Won, null), null);
        }
    }

    private static LeadUpdate LeadUpdateOf(Conversion lead, string suffix, long ts, LeadStatus status, decimal? score) => new()
    {
        EventId = lead.OrderId + suffix,
        Ts = ts,
        UserId = lead.UserId,
        BrandId = lead.BrandId,
        OrderId = lead.OrderId,
        Status = status,
        Score = score,
    };

    /// <summary>
    /// Each creator's leads qualify at their own rate, 15-75 % (from their id): a planted difference in lead quality the
    /// qualified-lead figures must find.
    /// </summary>
    public static double LeadQualifiedShare(string creatorId) => 0.15 + (0.6 * ((uint)UserHash.Of("lead-quality|" + creatorId) / 4294967296.0));

    private void Baseline(long ts, Prng rng)
    {
        var campaign = rng.Pick(_simulation.World.Campaigns);
        var userIndex = rng.Chance(0.5) ? Audience.OutsidersStart + _outsiders++ : campaign.UserPoolStart + rng.Next(campaign.UserPoolSize);
        _simulation.Schedule(
            new Conversion
            {
                EventId = _simulation.NextEventId(),
                Ts = ts + (long)rng.Exponential(60_000),
                UserId = _simulation.World.Audience.UserId(userIndex),
                BrandId = campaign.Config.BrandId,
                OrderId = _simulation.NextOrderId(),
                Kind = ConversionKind.Purchase,
                Value = Price(campaign, rng),
                Currency = campaign.Config.Currency,
            },
            null);
    }

    /// <summary>
    /// Two uniform draws from the order id (a lead or a signup; a new customer or not). Taken from the id, not from the
    /// simulation's random stream, so adding outcomes changed no other event of any seed (detectors were tuned on them).
    /// </summary>
    private static (double Kind, double New) OrderDraws(string orderId)
    {
        var hash = UserHash.Of(orderId);
        return ((uint)hash / 4294967296.0, (hash >> 32) / 4294967296.0);
    }

    /// <summary>
    /// Each creator brings new customers at their own rate, 20-80 % of their conversions (from their id): a planted
    /// difference the outcome figures must find.
    /// </summary>
    public static double NewCustomerShare(string creatorId) => 0.2 + (0.6 * ((uint)UserHash.Of(creatorId) / 4294967296.0));

    private static decimal Price(CampaignProfile campaign, Prng rng) => Math.Max(1m, Math.Round((decimal)rng.LogNormal(campaign.AverageOrder, 0.45), 2));
}
