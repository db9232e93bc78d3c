using CreatorStream.Core.Configuration;
using CreatorStream.Core.Estimates;
using CreatorStream.Core.Events;

namespace CreatorStream.Simulation;

/// <summary>How a post's halo spreads over time in <see cref="EstimatesScenario"/>.</summary>
public enum HaloShape
{
    /// <summary>Fading from the post on (a half-life of 18 hours): the family the estimator's defaults were chosen on.</summary>
    Fading,

    /// <summary>Rising for a day and a half, then fading (people search for the brand days later): held out of tuning.</summary>
    Delayed,
}

/// <summary>How one creator's code leaks in <see cref="EstimatesScenario"/>.</summary>
public enum LeakFamily
{
    None,

    /// <summary>Posted on coupon sites: uses referred by them, from anywhere (a training family).</summary>
    CouponSite,

    /// <summary>Shared on a foreign forum: uses from countries outside the creator's audience, while the creator posts (a training family).</summary>
    ForeignForum,

    /// <summary>Passed around among staff and friends: no touch, the creator's own countries, long after the posts (held out of tuning).</summary>
    StaffCircle,
}

/// <summary>What a scenario planted: the truth the estimates are judged against.</summary>
public sealed record EstimatesTruth(
    long HaloSessions,
    long HaloConversions,
    double HaloRevenue,
    IReadOnlyDictionary<string, long> HaloSessionsByCreator,
    long IncrementalConversions,
    double IncrementalRevenue,
    string? LeakingCreator,
    long LeakedUses,
    IReadOnlySet<string> LeakedOrders);

/// <summary>
/// A brand's three weeks with effects planted where no tracked link shows them (docs/design.md, "Estimates"): organic
/// site traffic and orders with a day and hour profile, ten days before the campaign and eleven during it; four posts
/// per creator, each pulling untracked sessions and orders (the halo) in proportion to its impressions; genuine code uses
/// with and without touchpoints; optionally one creator's code leaking; a holdout by countries or by hashed users in
/// which only the exposed group's orders grow with the campaign. Each planted event is remembered, so the truth is
/// counted, not modelled. Deterministic per seed.
/// </summary>
public sealed class EstimatesScenario
{
    public const string Brand = "acme";
    public const string CampaignId = "spring";
    public static readonly long T0 = DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
    public const int BaselineDays = 10;
    public const int CampaignDays = 11;
    private const long Hour = 3_600_000;
    private static readonly string[] Creators = ["anna", "ben", "cara"];
    private static readonly string[][] Audiences = [["US", "US", "US", "CA"], ["GB", "GB", "GB", "US"], ["US", "CA", "US", "GB"]];
    private static readonly string[] HeldCountries = ["NZ", "IE"];
    private static readonly string[] ExposedCountries = ["US", "US", "GB", "CA"];

    private readonly Random _random;
    private readonly List<StreamEvent> _events = [];
    private readonly HaloShape _shape;
    private readonly LeakFamily _leak;
    private readonly bool _userHoldout;
    private readonly double _marketTrend;
    private readonly HoldoutConfig _holdout;
    private int _next;
    private long _haloSessions, _haloConversions, _incremental;
    private double _haloRevenue, _incrementalRevenue;
    private readonly Dictionary<string, long> _haloByCreator = new(StringComparer.Ordinal);
    private readonly HashSet<string> _leaked = new(StringComparer.Ordinal);

    /// <param name="seed">The random seed: the same seed, the same events.</param>
    /// <param name="shape">How each post's halo spreads over time.</param>
    /// <param name="leak">How the second creator's code leaks, if at all.</param>
    /// <param name="userHoldout">A hashed three in ten users held out instead of two countries.</param>
    /// <param name="marketTrend">
    /// How much busier the brand's own traffic is in the campaign's weeks (1: not at all). The halo's baseline cannot tell
    /// such a change from a halo (decision 0026, failure modes); the holdout comparison can.
    /// </param>
    public EstimatesScenario(int seed, HaloShape shape = HaloShape.Fading, LeakFamily leak = LeakFamily.None, bool userHoldout = false, double marketTrend = 1.0)
    {
        _marketTrend = marketTrend;
        _random = new Random(seed);
        _shape = shape;
        _leak = leak;
        _userHoldout = userHoldout;
        _holdout = userHoldout
            ? new HoldoutConfig { UserShare = 0.3, Salt = "spring-holdout", Start = DateTimeOffset.FromUnixTimeMilliseconds(CampaignStart) }
            : new HoldoutConfig { Countries = [.. HeldCountries], Start = DateTimeOffset.FromUnixTimeMilliseconds(CampaignStart) };
    }

    public static long CampaignStart => T0 + (BaselineDays * 24 * Hour);

    public static long End => CampaignStart + (CampaignDays * 24 * Hour);

    /// <summary>The brand's one campaign, its three creators with a code each, and the scenario's holdout.</summary>
    public CampaignCatalog Catalog() => CampaignCatalog.From(new CampaignCatalogDocument
    {
        Campaigns =
        [
            new CampaignConfig
            {
                CampaignId = CampaignId,
                BrandId = Brand,
                Name = "Spring",
                Creators = [.. Creators.Select(c => new CreatorConfig { CreatorId = c, Name = c, PromoCodes = [c.ToUpperInvariant() + "10"], Links = ["lnk-" + c], Costs = new CreatorCosts { FlatFee = 2000 } })],
                Estimates = new EstimateSettings { Holdout = _holdout },
            },
        ],
    });

    /// <summary>The events in time order, and what was planted.</summary>
    public (List<StreamEvent> Events, EstimatesTruth Truth) Generate()
    {
        OrganicTraffic();
        for (var c = 0; c < Creators.Length; c++)
        {
            var leaking = _leak != LeakFamily.None && c == 1;
            for (var p = 0; p < 4; p++)
            {
                // The leaking creator of the staff family posts only in the campaign's first days: the leak comes long after.
                var day = leaking && _leak == LeakFamily.StaffCircle ? _random.NextDouble() * 2 : _random.NextDouble() * (CampaignDays - 3);
                Post(c, p, CampaignStart + (long)(day * 24 * Hour));
            }

            if (leaking)
            {
                Leak(c);
            }
        }

        _events.Sort((a, b) => a.Ts != b.Ts ? a.Ts.CompareTo(b.Ts) : string.CompareOrdinal(a.EventId, b.EventId));
        var truth = new EstimatesTruth(
            _haloSessions, _haloConversions, _haloRevenue, _haloByCreator, _incremental, _incrementalRevenue,
            _leak == LeakFamily.None ? null : Creators[1], _leaked.Count, _leaked);
        return (_events, truth);
    }

    /// <summary>Sessions and orders the brand has anyway, by a day and hour profile, the market's trend in the campaign's weeks.</summary>
    private void OrganicTraffic()
    {
        double[] days = [1.0, 0.9, 0.95, 1.0, 1.1, 1.3, 1.2];
        for (var hour = 0L; hour < (BaselineDays + CampaignDays) * 24; hour++)
        {
            var start = T0 + (hour * Hour);
            var trend = start >= CampaignStart ? _marketTrend : 1.0;
            var hourOfDay = hour % 24;
            var profile = 0.35 + (1.4 * Math.Exp(-Math.Pow((hourOfDay - 19) / 4.0, 2))) + (0.5 * Math.Exp(-Math.Pow((hourOfDay - 12) / 3.0, 2)));
            var rate = 10 * days[(hour / 24) % 7] * profile * trend;
            for (var i = Poisson(rate); i > 0; i--)
            {
                var at = start + _random.NextInt64(Hour);
                var user = User();
                Session(user, at, Pick(["direct", "direct", "search", "search", "social", "other", "paid", "email"]));
                if (_random.NextDouble() < 0.08)
                {
                    Order(user, at + _random.NextInt64(20 * 60_000), OrganicCountry(user), null, null);
                }
            }
        }
    }

    private void Post(int creator, int index, long at)
    {
        var creatorId = Creators[creator];
        var content = $"{creatorId}-post-{index}";
        var impressions = 300 + _random.Next(1200);
        var viewers = new List<(string User, long Ts)>();
        for (var i = 0; i < impressions; i++)
        {
            // Most impressions in the post's first day, a tail over the second.
            var ts = i == 0 ? at : at + (long)(Math.Min(-Math.Log(1 - _random.NextDouble()) * 10, 47.9) * Hour);
            var user = User(exposed: true);
            viewers.Add((user, ts));
            _events.Add(new Impression
            {
                EventId = Id("imp"),
                Ts = ts,
                UserId = user,
                CampaignId = CampaignId,
                CreatorId = creatorId,
                Platform = Platform.Instagram,
                ContentId = content,
                ContentFormat = ContentFormat.Reel,
                Country = Pick(Audiences[creator]),
            });
        }

        // The halo: untracked sessions (five in a hundred impressions) and a twentieth of them ordering, within 72 hours.
        var halo = Poisson(impressions * 0.05);
        for (var i = 0; i < halo; i++)
        {
            var delay = _shape == HaloShape.Fading
                ? -Math.Log(1 - _random.NextDouble()) * 18 / Math.Log(2)
                : Gamma(4) * 9;
            if (delay >= 71)
            {
                continue; // the truth counts what falls in the window
            }

            var ts = at + (long)(delay * Hour);
            var user = User(exposed: true);
            Session(user, ts, Pick(["direct", "search", "search", "social"]));
            _haloSessions++;
            _haloByCreator[creatorId] = _haloByCreator.GetValueOrDefault(creatorId) + 1;
            if (_random.NextDouble() < 0.08)
            {
                var value = Order(user, ts + _random.NextInt64(15 * 60_000), Pick(Audiences[creator]), null, null, caused: true);
                _haloConversions++;
                _haloRevenue += value;
            }
        }

        // Genuine code uses: viewers who buy with the creator's code within two days, half of them through no touchpoint
        // the stream sees (the post seen on a friend's phone).
        var uses = 6 + _random.Next(5);
        for (var i = 0; i < uses; i++)
        {
            var ts = at + (long)(Math.Min(-Math.Log(1 - _random.NextDouble()) * 20, 70) * Hour);
            var user = _random.NextDouble() < 0.5 ? viewers[_random.Next(viewers.Count)].User : User(exposed: true);
            var seen = viewers.Where(v => v.User == user).Select(v => v.Ts).DefaultIfEmpty(long.MaxValue).Min();
            Order(user, Math.Max(ts, seen == long.MaxValue ? ts : seen + 60_000), Pick(Audiences[creator]), creatorId.ToUpperInvariant() + "10", Pick(["direct", "social", "search"]), caused: true);
        }
    }

    private void Leak(int creator)
    {
        var code = Creators[creator].ToUpperInvariant() + "10";
        var uses = 18 + _random.Next(10);
        for (var i = 0; i < uses; i++)
        {
            var (from, days) = _leak == LeakFamily.StaffCircle ? (6.0, 4.5) : (3.0, 7.5);
            var ts = CampaignStart + (long)((from + (_random.NextDouble() * days)) * 24 * Hour);
            var (country, referrer) = _leak switch
            {
                LeakFamily.CouponSite => (Pick(["US", "BR", "DE", "GB", "IN"]), "coupon"),
                LeakFamily.ForeignForum => (Pick(["BR", "IN", "PH", "MX"]), "direct"),
                _ => (Pick(Audiences[creator]), Pick(["direct", "direct", "social"])),
            };
            var order = Id("ord");
            _leaked.Add(order);
            Order(User(exposed: true), ts, country, code, referrer, orderId: order);
        }
    }

    private void Session(string user, long at, string referrer) => _events.Add(new SiteSession
    {
        EventId = Id("ses"),
        Ts = at + 120_000,
        UserId = user,
        BrandId = Brand,
        SessionId = Id("s"),
        ReferrerClass = Enum.Parse<ReferrerClass>(referrer, ignoreCase: true),
        StartedAt = at,
        DurationMs = 120_000,
        Pageviews = 3,
        Bounced = false,
    });

    private double Order(string user, long at, string country, string? code, string? referrer, bool caused = false, string? orderId = null)
    {
        var value = Math.Round(20 + (Gamma(2) * 30), 2);
        var id = orderId ?? Id("ord");
        _events.Add(new Conversion
        {
            EventId = id,
            Ts = at,
            UserId = user,
            BrandId = Brand,
            OrderId = id,
            Kind = ConversionKind.Purchase,
            Value = (decimal)value,
            Currency = "USD",
            PromoCode = code,
            Country = country,
            ReferrerClass = referrer is null ? null : Enum.Parse<ReferrerClass>(referrer, ignoreCase: true),
        });
        if (caused && at >= CampaignStart && at < End)
        {
            _incremental++;
            _incrementalRevenue += value;
        }

        return value;
    }

    /// <summary>A new user: one the campaign can reach (not held out) when <paramref name="exposed"/>.</summary>
    private string User(bool exposed = false)
    {
        while (true)
        {
            var user = Id("u");
            if (!exposed || !_userHoldout || !Holdout.IsHeldOut(_holdout.Salt!, user, _holdout.UserShare!.Value))
            {
                return user;
            }
        }
    }

    /// <summary>Where an organic order comes from: three in ten from the held-out countries under a country holdout.</summary>
    private string OrganicCountry(string user) => _userHoldout ? Pick(ExposedCountries) : _random.NextDouble() < 0.3 ? Pick(HeldCountries) : Pick(ExposedCountries);

    private string Id(string prefix) => $"{prefix}-{_next++}";

    private string Pick(string[] choices) => choices[_random.Next(choices.Length)];

    private int Poisson(double mean)
    {
        var limit = Math.Exp(-mean);
        if (mean > 40)
        {
            return Math.Max(0, (int)Math.Round(mean + (Math.Sqrt(mean) * Normal())));
        }

        var k = 0;
        for (var product = _random.NextDouble(); product > limit; product *= _random.NextDouble())
        {
            k++;
        }

        return k;
    }

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    /// <summary>A gamma draw of integer shape (a sum of exponentials), mean <paramref name="shape"/>.</summary>
    private double Gamma(int shape)
    {
        double sum = 0;
        for (var i = 0; i < shape; i++)
        {
            sum += -Math.Log(1 - _random.NextDouble());
        }

        return sum;
    }
}
