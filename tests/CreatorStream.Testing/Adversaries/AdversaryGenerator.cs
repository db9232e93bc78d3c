using CreatorStream.Core.Configuration;
using CreatorStream.Core.Events;

namespace CreatorStream.Testing.Adversaries;

/// <summary>
/// Scenarios of fake and genuine engagement written apart from the project's <c>TrafficGenerator</c> (issue 18): its
/// own world, its own timing, its own texts, and every shape drawn at random within its family, so a classifier tuned
/// on one cannot simply have learnt the other. One campaign of six creators posting every 45–90 minutes over a few
/// hours, their followers' ordinary traffic, and on top of it instances of each family:
/// <list type="bullet">
/// <item>fakes: pod waves on one post, pod rings across 2–4 creators, bot farms, bought likes, comment farms with spun
/// text, click floods;</item>
/// <item>genuine hard negatives: viral surges, fan communities that engage early on every post, giveaways ("comment to
/// win"), live-stream chat.</item>
/// </list>
/// Seeded: the same seed gives the same events. Ids carry no hint of the family.
/// </summary>
public sealed class AdversaryGenerator
{
    private const string CampaignId = "adv";
    private const string BrandId = "adv-brand";
    private const long Minute = 60_000;

    private static readonly Platform[] Platforms = [Platform.Instagram, Platform.TikTok, Platform.YouTube];
    private static readonly ContentFormat[] Formats = [ContentFormat.Post, ContentFormat.Reel, ContentFormat.Video, ContentFormat.Short, ContentFormat.Carousel];

    private readonly Random _random;
    private readonly AdversaryOptions _options;
    private readonly List<LabelledEvent> _events = [];
    private readonly List<Creator> _creators = [];
    private readonly List<Person> _people = [];
    private long _nextId;
    private long _nextUser;

    public AdversaryGenerator(int seed, AdversaryOptions? options = null)
    {
        Seed = seed;
        _random = new Random(seed);
        _options = options ?? new AdversaryOptions();
        BuildWorld();
    }

    public int Seed { get; }

    /// <summary>The campaign configuration of the scenario.</summary>
    public CampaignCatalogDocument Campaigns => new()
    {
        Campaigns =
        [
            new CampaignConfig
            {
                CampaignId = CampaignId,
                BrandId = BrandId,
                Name = "Adversarial scenario",
                Creators = [.. _creators.Select(c => new CreatorConfig { CreatorId = c.Id, Name = c.Id, Links = [c.Link] })],
            },
        ],
    };

    /// <summary>Every event, in event-time order (ties by id), with its family.</summary>
    public IReadOnlyList<LabelledEvent> Generate()
    {
        _events.Clear();
        var special = _creators.SelectMany(c => c.Posts.Select(p => (Creator: c, Post: p))).ToList();
        var live = Pick(special);
        live.Post.Format = ContentFormat.Live; // before any impression of it is written
        var giveaway = Pick(special.Where(p => p != live).ToList());
        var ordinary = special.Where(p => p != live && p != giveaway).ToList();
        foreach (var creator in _creators)
        {
            foreach (var post in creator.Posts)
            {
                Background(creator, post);
            }
        }

        foreach (var family in _options.Families)
        {
            for (var instance = 0; instance < _options.InstancesPerFamily; instance++)
            {
                switch (family)
                {
                    case AdversaryFamily.PodWave: PodWave(ordinary); break;
                    case AdversaryFamily.PodRing: PodRing(); break;
                    case AdversaryFamily.BotFarm: BotFarm(Pick(ordinary)); break;
                    case AdversaryFamily.BoughtLikes: BoughtLikes(Pick(ordinary)); break;
                    case AdversaryFamily.CommentFarm: CommentFarm(Pick(ordinary)); break;
                    case AdversaryFamily.ClickFlood: ClickFlood(Pick(ordinary)); break;
                    case AdversaryFamily.ViralSurge: ViralSurge(Pick(ordinary)); break;
                    case AdversaryFamily.FanCommunity: FanCommunity(); break;
                    case AdversaryFamily.Giveaway when instance == 0: Giveaway(giveaway); break;
                    case AdversaryFamily.LiveChat when instance == 0: LiveChat(live); break;
                }
            }
        }

        var end = _options.Hours * 60 * Minute + _options.StartMs;
        return [.. _events.Where(e => e.Event.Ts < end).OrderBy(e => e.Event.Ts).ThenBy(e => e.Event.EventId, StringComparer.Ordinal)];
    }

    private void BuildWorld()
    {
        for (var i = 0; i < _options.Users; i++)
        {
            _people.Add(Genuine());
        }

        var runEnd = _options.StartMs + (_options.Hours * 60 * Minute);
        for (var c = 0; c < _options.Creators; c++)
        {
            var creator = new Creator($"cr-{c + 1}", Platforms[c % Platforms.Length], $"lnk-cr-{c + 1}");
            creator.Followers.AddRange(_people.OrderBy(_ => _random.Next()).Take(_options.FollowersPerCreator));
            var t = _options.StartMs + Between(0, 30 * Minute);
            for (var k = 1; t < runEnd - (30 * Minute); k++)
            {
                creator.Posts.Add(new Post($"p-{c + 1}-{k}", t, Formats[_random.Next(Formats.Length)]));
                t += Between(45 * Minute, 90 * Minute);
            }

            _creators.Add(creator);
        }
    }

    /// <summary>Followers shown the post over its first hours; a few like, comment, save, share or click.</summary>
    private void Background(Creator creator, Post post)
    {
        foreach (var person in creator.Followers)
        {
            if (_random.NextDouble() >= 0.35)
            {
                continue;
            }

            var seen = post.At + Exponential(25 * Minute);
            var shown = _random.NextDouble() >= 0.05; // a few engagements reach us without their impression
            if (shown)
            {
                Add(Impression(creator, post, person, seen), AdversaryFamily.Background);
            }

            Engage(creator, post, person, seen, AdversaryFamily.Background, likeChance: 0.10, commentChance: 0.025);
        }
    }

    private void Engage(Creator creator, Post post, Person person, long seen, AdversaryFamily family, double likeChance, double commentChance)
    {
        if (_random.NextDouble() < likeChance)
        {
            Add(Engagement(creator, post, person, seen + Exponential(2 * Minute), EngagementKind.Like, null), family);
        }

        if (_random.NextDouble() < commentChance)
        {
            Add(Engagement(creator, post, person, seen + Exponential(3 * Minute), EngagementKind.Comment, Texts.Genuine(_random)), family);
        }

        if (_random.NextDouble() < 0.01)
        {
            Add(Engagement(creator, post, person, seen + Exponential(4 * Minute), _random.Next(2) == 0 ? EngagementKind.Save : EngagementKind.Share, null), family);
        }

        if (_random.NextDouble() < 0.02)
        {
            Add(Click(creator, post, person, seen + Exponential(2 * Minute), Between(4_000, 120_000)), family);
        }
    }

    // ---- Fakes -------------------------------------------------------------------------------------------------------

    /// <summary>
    /// The same group on one post in 2–4 waves, comment-only or mixed (a like in the first wave, comments in every wave: a
    /// like is given once, so a like-only group hitting one post is a single wave, which is a ring's or a fan's shape);
    /// exact, templated or lightly varied text; with or without impressions.
    /// </summary>
    private void PodWave(IReadOnlyList<(Creator Creator, Post Post)> posts)
    {
        var members = Accounts(Between(8, 61), aged: true);
        var mode = _random.Next(2) == 0 ? 0 : 2;
        var text = new PodText(_random);
        var withImpressions = _random.Next(2) == 0;
        var delay = Between(Minute, 30 * Minute);
        var gaps = Enumerable.Range(0, Between(1, 4)).Select(_ => Between(20 * Minute, 90 * Minute)).ToList(); // 2–4 waves, as the family is defined

        // On a post whose waves all fall within the run (a wave cut off by the end of the run is not this family's shape).
        var span = delay + gaps.Sum() + (members.Count * 20_000L);
        var end = _options.StartMs + (_options.Hours * 60 * Minute);
        var fitting = posts.Where(p => p.Post.At + span < end).ToList();
        var target = fitting.Count > 0 ? Pick(fitting) : posts.MinBy(p => p.Post.At);
        var start = target.Post.At + delay;
        for (var wave = 0; wave <= gaps.Count; wave++)
        {
            var t = start;
            foreach (var member in members.OrderBy(_ => _random.Next()))
            {
                t += Between(500, 20_000);
                Act(target, member, t, wave == 0 ? mode : 0, text, withImpressions, AdversaryFamily.PodWave);
            }

            start += wave < gaps.Count ? gaps[wave] : 0;
        }
    }

    /// <summary>A group engaging every post of 2–4 creators minutes after it goes up: like-only, comment-only or both, templated compliments.</summary>
    private void PodRing()
    {
        var members = Accounts(Between(8, 61), aged: true);
        var creators = _creators.OrderBy(_ => _random.Next()).Take(Between(2, 5)).ToList();
        var text = new PodText(_random) { Mode = PodText.Templated };
        var withImpressions = _random.Next(2) == 0;
        var (mode, commentChance) = _random.Next(3) switch
        {
            0 => (1, 0.0), // like-only
            1 => (0, 1.0), // comment-only
            _ => (2, 0.5), // likes, and a compliment from about half
        };
        foreach (var creator in creators)
        {
            foreach (var post in creator.Posts)
            {
                foreach (var member in members)
                {
                    var t = post.At + Between(Minute, 30 * Minute);
                    Act((creator, post), member, t, mode, text, withImpressions, AdversaryFamily.PodRing, commentChance);
                }
            }
        }
    }

    /// <summary>New or aged accounts behind one address or a few proxies and devices, on a metronome or at random, liking one post unseen.</summary>
    private void BotFarm((Creator Creator, Post Post) target)
    {
        var n = Between(30, 121);
        var bots = Accounts(n, aged: _random.Next(2) == 0);
        var proxies = _random.Next(2) == 0 ? 1 : Math.Max(2, n / 10);
        var devices = _random.Next(2) == 0 ? n : Math.Max(2, n / 5);
        var metronome = _random.Next(2) == 0;
        var gap = Between(1_000, 15_000);
        var t = target.Post.At + Between(Minute, 60 * Minute);
        var farm = _nextUser++;
        for (var i = 0; i < bots.Count; i++)
        {
            t += metronome ? gap + Between(-gap / 20, gap / 20 + 1) : Exponential(gap);
            var bot = bots[i] with { Ip = $"ip-f{farm}-{i % proxies}", Device = $"dev-f{farm}-{i % devices}" };
            Add(Engagement(target.Creator, target.Post, bot, t, EngagementKind.Like, null), AdversaryFamily.BotFarm);
        }
    }

    /// <summary>Aged accounts, each on its own address, never shown the post and new to the creator, liking one post within minutes.</summary>
    private void BoughtLikes((Creator Creator, Post Post) target)
    {
        var buyers = Accounts(Between(100, 301), aged: true);
        var start = target.Post.At + Between(Minute, 90 * Minute);
        var span = Between(5 * Minute, 15 * Minute);
        foreach (var buyer in buyers)
        {
            Add(Engagement(target.Creator, target.Post, buyer, start + Between(0, span), EngagementKind.Like, null), AdversaryFamily.BoughtLikes);
        }
    }

    /// <summary>Accounts posting spun text ("{Amazing|Great} {post|pic}!") on one post within half an hour.</summary>
    private void CommentFarm((Creator Creator, Post Post) target)
    {
        var accounts = Accounts(Between(20, 81), aged: _random.Next(2) == 0);
        var spin = Texts.Spinner(_random);
        var withImpressions = _random.Next(2) == 0;
        var start = target.Post.At + Between(Minute, 60 * Minute);
        var span = Between(10 * Minute, 30 * Minute);
        foreach (var account in accounts)
        {
            var t = start + Between(0, span);
            if (withImpressions)
            {
                Add(Impression(target.Creator, target.Post, account, t - Between(1_000, 60_000)), AdversaryFamily.CommentFarm);
            }

            Add(Engagement(target.Creator, target.Post, account, t, EngagementKind.Comment, spin()), AdversaryFamily.CommentFarm);
        }
    }

    /// <summary>Many users behind 2–5 addresses clicking a post's link and leaving at once.</summary>
    private void ClickFlood((Creator Creator, Post Post) target)
    {
        var n = Between(50, 201);
        var addresses = Between(2, 6);
        var users = Accounts(n, aged: _random.Next(2) == 0);
        var start = target.Post.At + Between(Minute, 60 * Minute);
        var span = Between(5 * Minute, 15 * Minute);
        var flood = _nextUser++;
        for (var i = 0; i < users.Count; i++)
        {
            var user = users[i] with { Ip = $"ip-c{flood}-{i % addresses}" };
            Add(Click(target.Creator, target.Post, user, start + Between(0, span), Between(0, 400)), AdversaryFamily.ClickFlood);
        }
    }

    /// <summary>One member's action: an impression first or not, then a like, a comment, or both.</summary>
    private void Act((Creator Creator, Post Post) target, Person member, long t, int mode, PodText text, bool withImpression, AdversaryFamily family, double commentChance = 1)
    {
        if (withImpression)
        {
            Add(Impression(target.Creator, target.Post, member, t - Between(2_000, 90_000)), family);
        }

        if (mode is 1 or 2)
        {
            Add(Engagement(target.Creator, target.Post, member, t, EngagementKind.Like, null), family);
        }

        if (mode is 0 || (mode == 2 && _random.NextDouble() < commentChance))
        {
            Add(Engagement(target.Creator, target.Post, member, t + Between(1_000, 8_000), EngagementKind.Comment, text.Next()), family);
        }
    }

    // ---- Genuine hard negatives ---------------------------------------------------------------------------------------

    /// <summary>A post that travels: hundreds of people new to the campaign see it within half an hour and engage as people do.</summary>
    private void ViralSurge((Creator Creator, Post Post) target)
    {
        var start = target.Post.At + Between(5 * Minute, 60 * Minute);
        var span = Between(20 * Minute, 40 * Minute);
        foreach (var person in Enumerable.Range(0, Between(300, 801)).Select(_ => Genuine()))
        {
            var seen = start + Exponential(span / 3);
            Add(Impression(target.Creator, target.Post, person, seen), AdversaryFamily.ViralSurge);
            Engage(target.Creator, target.Post, person, seen, AdversaryFamily.ViralSurge, likeChance: 0.5, commentChance: 0.1);
        }
    }

    /// <summary>Forty fans who see and engage with every post of one creator within minutes of it going up.</summary>
    private void FanCommunity()
    {
        var creator = _creators[_random.Next(_creators.Count)];
        var fans = Enumerable.Range(0, 40).Select(_ => Genuine()).ToList();
        foreach (var post in creator.Posts)
        {
            foreach (var fan in fans.Where(_ => _random.NextDouble() < 0.85))
            {
                var seen = post.At + Between(30_000, 15 * Minute);
                Add(Impression(creator, post, fan, seen), AdversaryFamily.FanCommunity);
                Add(Engagement(creator, post, fan, seen + Between(2_000, 3 * Minute), EngagementKind.Like, null), AdversaryFamily.FanCommunity);
                if (_random.NextDouble() < 0.4)
                {
                    Add(Engagement(creator, post, fan, seen + Between(10_000, 6 * Minute), EngagementKind.Comment, Texts.Fan(_random)), AdversaryFamily.FanCommunity);
                }
            }
        }
    }

    /// <summary>"Comment to win": hundreds of real followers and newcomers see the post and leave a short entry over hours.</summary>
    private void Giveaway((Creator Creator, Post Post) target)
    {
        var entrants = target.Creator.Followers.Where(_ => _random.NextDouble() < 0.3).Concat(Enumerable.Range(0, Between(100, 300)).Select(_ => Genuine())).ToList();
        foreach (var person in entrants)
        {
            var seen = target.Post.At + Exponential(40 * Minute);
            Add(Impression(target.Creator, target.Post, person, seen), AdversaryFamily.Giveaway);
            Add(Engagement(target.Creator, target.Post, person, seen + Between(5_000, 5 * Minute), EngagementKind.Comment, Texts.Giveaway(_random)), AdversaryFamily.Giveaway);
            if (_random.NextDouble() < 0.6)
            {
                Add(Engagement(target.Creator, target.Post, person, seen + Between(2_000, 60_000), EngagementKind.Like, null), AdversaryFamily.Giveaway);
            }
        }
    }

    /// <summary>A live stream: viewers join and send short chat messages, in bursts when something happens.</summary>
    private void LiveChat((Creator Creator, Post Post) target)
    {
        var duration = Between(30 * Minute, 61 * Minute);
        var viewers = Enumerable.Range(0, Between(100, 301)).Select(_ => Genuine()).ToList();
        var moments = Enumerable.Range(0, 4).Select(_ => target.Post.At + Between(0, duration)).ToList();
        foreach (var viewer in viewers)
        {
            var joined = target.Post.At + Between(0, duration / 2);
            Add(Impression(target.Creator, target.Post, viewer, joined), AdversaryFamily.LiveChat);
            var t = joined;
            for (var m = Between(2, 11); m > 0 && t < target.Post.At + duration; m--)
            {
                // Half the messages follow a moment of the stream by seconds; the rest come when they come.
                var moment = moments[_random.Next(moments.Count)];
                t = _random.Next(2) == 0 && moment > t ? moment + Between(0, 20_000) : t + Exponential(4 * Minute);
                Add(Engagement(target.Creator, target.Post, viewer, t, EngagementKind.Comment, Texts.Chat(_random)), AdversaryFamily.LiveChat);
            }
        }
    }

    // ---- Parts ----------------------------------------------------------------------------------------------------------

    private Person Genuine()
    {
        var id = _nextUser++;
        var age = _random.NextDouble() < 0.05 ? Between(3, 30) : Between(30, 3_650);
        return new Person($"u{id}", age, $"ip-{id / Between(1, 4)}", $"dev-{id}");
    }

    /// <summary>Accounts for a fake family: aged (14 days to years) or new (1–13 days), each with its own address and device.</summary>
    private List<Person> Accounts(int count, bool aged) =>
        [.. Enumerable.Range(0, count).Select(_ =>
        {
            var id = _nextUser++;
            return new Person($"u{id}", aged ? Between(14, 2_500) : Between(1, 14), $"ip-{id}", $"dev-{id}");
        })];

    private Impression Impression(Creator creator, Post post, Person person, long ts) => new()
    {
        EventId = NextId(),
        Ts = ts,
        UserId = person.Id,
        CampaignId = CampaignId,
        CreatorId = creator.Id,
        Platform = creator.Platform,
        ContentId = post.Id,
        ContentFormat = post.Format,
        IpHash = person.Ip,
        DeviceId = person.Device,
    };

    private Engagement Engagement(Creator creator, Post post, Person person, long ts, EngagementKind kind, string? text) => new()
    {
        EventId = NextId(),
        Ts = ts,
        UserId = person.Id,
        CampaignId = CampaignId,
        CreatorId = creator.Id,
        Platform = creator.Platform,
        ContentId = post.Id,
        Kind = kind,
        CommentText = text,
        AccountAgeDays = person.AgeDays,
        IpHash = person.Ip,
        DeviceId = person.Device,
    };

    private Click Click(Creator creator, Post post, Person person, long ts, long dwellMs) => new()
    {
        EventId = NextId(),
        Ts = ts,
        UserId = person.Id,
        CampaignId = CampaignId,
        CreatorId = creator.Id,
        Platform = creator.Platform,
        ContentId = post.Id,
        LinkId = creator.Link,
        DwellMs = dwellMs,
        Pages = dwellMs < 1_000 ? 1 : Between(1, 6),
        IpHash = person.Ip,
        DeviceId = person.Device,
    };

    private void Add(AudienceEvent e, AdversaryFamily family) => _events.Add(new LabelledEvent(e, family));

    private string NextId() => $"e{Seed}x{_nextId++}";

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private int Between(int min, int maxExclusive) => _random.Next(min, maxExclusive);

    private long Between(long min, long maxExclusive) => _random.NextInt64(min, maxExclusive);

    private long Exponential(long mean) => (long)(-Math.Log(1 - _random.NextDouble()) * mean);

    private sealed record Person(string Id, int AgeDays, string Ip, string Device);

    private sealed record Creator(string Id, Platform Platform, string Link)
    {
        public List<Person> Followers { get; } = [];

        public List<Post> Posts { get; } = [];
    }

    private sealed class Post(string id, long at, ContentFormat format)
    {
        public string Id { get; } = id;

        public long At { get; } = at;

        public ContentFormat Format { get; set; } = format;
    }
}
