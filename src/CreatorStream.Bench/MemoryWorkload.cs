using System.Globalization;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;

namespace CreatorStream.Bench;

/// <summary>
/// The memory bench's population: <see cref="MemoryBenchOptions.Users"/> distinct users, each with one session on
/// the posts of one or two creators of a campaign: three impressions, an engagement (like, comment, share or save), a
/// click 40% of the time and a purchase 4% of the time (about 4.4 events a user). Sessions start evenly over the span
/// and last a minute, so the records come out in event-time order. Ids are realistic in length: users as the
/// generator's (<c>u-</c> and 10 hex digits), event ids as UUIDs (36 characters). Everything is a hash of the seed,
/// the user and the step: no state grows with the users. Deterministic; the records are JSON Lines with their type.
/// </summary>
public sealed class MemoryWorkload
{
    private const long StartMs = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    // Offsets of a session's steps from its start, in ms: three impressions, an engagement, a click, a purchase.
    private static readonly long[] StepOffsets = [0, 8_000, 16_000, 24_000, 32_000, 60_000];
    private static readonly string[] Comments = ["love this", "where is it from", "so good on you", "need this", "great colour", "how does it fit"];
    private static readonly string[] Countries = ["US", "GB", "DE", "FR", "BR", "IN", "CA", "AU"];

    private readonly MemoryBenchOptions _options;
    private readonly ulong _salt;

    public MemoryWorkload(MemoryBenchOptions options)
    {
        _options = options;
        _salt = Mix((ulong)options.Seed ^ 0x5DEE_CE66_D1CE_4E5BUL);
        var campaigns = Enumerable.Range(0, options.Campaigns).Select(c => new CampaignConfig
        {
            CampaignId = $"camp-{c}",
            BrandId = $"brand-{c % 2}",
            Name = $"Campaign {c}",
        }).ToList();
        for (var i = 0; i < options.Creators; i++)
        {
            campaigns[i % options.Campaigns].Creators.Add(new CreatorConfig
            {
                CreatorId = CreatorId(i),
                Name = $"Creator {i}",
                PromoCodes = [$"CODE{i}"],
                Links = [$"lnk-{CreatorId(i)}"],
            });
        }

        Catalog = CampaignCatalog.From(new CampaignCatalogDocument { Campaigns = campaigns });
    }

    public CampaignCatalog Catalog { get; }

    /// <summary>Records the population sends: about 4.4 a user, in event-time order.</summary>
    public IEnumerable<byte[]> Records()
    {
        var users = _options.Users;
        var spanMs = (long)_options.Span.TotalMilliseconds;
        var waiting = new PriorityQueue<(int User, int Step), long>();
        for (var user = 0; user < users; user++)
        {
            var start = StartMs + (spanMs * user / users);
            while (waiting.TryPeek(out var next, out var ts) && ts <= start)
            {
                waiting.Dequeue();
                if (Event(next.User, next.Step, ts) is { } e)
                {
                    yield return EventWriter.ToUtf8(e, includeType: true);
                }
            }

            for (var step = 0; step < StepOffsets.Length; step++)
            {
                waiting.Enqueue((user, step), start + StepOffsets[step]);
            }
        }

        while (waiting.TryDequeue(out var next, out var ts))
        {
            if (Event(next.User, next.Step, ts) is { } e)
            {
                yield return EventWriter.ToUtf8(e, includeType: true);
            }
        }
    }

    private StreamEvent? Event(int user, int step, long ts)
    {
        var creators = _options.Creators;
        var campaigns = _options.Campaigns;
        var creator = (int)(Hash(user, 1) % (ulong)creators);
        var post = (int)(Hash(user, 2) % (ulong)_options.PostsPerCreator);
        var sameCampaign = creator + campaigns < creators ? creator + campaigns : Math.Max(creator - campaigns, creator % campaigns);
        var second = Unit(Hash(user, 3)) < 0.4 ? sameCampaign : creator;
        var roll = Unit(Hash(user, 10 + (ulong)step));
        return step switch
        {
            0 => Impression(user, step, ts, creator, post),
            1 => Impression(user, step, ts, creator, (post + 1) % _options.PostsPerCreator),
            2 => Impression(user, step, ts, second, post),
            3 => Engagement(user, step, ts, creator, post, roll),
            4 when roll < 0.4 => Click(user, step, ts, creator, post, roll),
            5 when roll < 0.04 => Purchase(user, step, ts, creator, roll),
            _ => null,
        };
    }

    private Impression Impression(int user, int step, long ts, int creator, int post) => new()
    {
        EventId = EventId(user, step),
        Ts = ts,
        UserId = UserId(user),
        CampaignId = CampaignOf(creator),
        CreatorId = CreatorId(creator),
        Platform = PlatformOf(post),
        ContentId = ContentId(creator, post),
        IpHash = IpOf(user),
        DeviceId = Hex("d-", Hash(user, 5)),
        UserAgentHash = Hex("ua-", Hash(user, 6) % 300),
        Country = Countries[Hash(user, 7) % (ulong)Countries.Length],
        ContentFormat = post % 2 == 0 ? ContentFormat.Reel : ContentFormat.Carousel,
    };

    private Engagement Engagement(int user, int step, long ts, int creator, int post, double roll)
    {
        var kind = roll switch { < 0.7 => EngagementKind.Like, < 0.8 => EngagementKind.Comment, < 0.95 => EngagementKind.Share, _ => EngagementKind.Save };
        return new()
        {
            EventId = EventId(user, step),
            Ts = ts,
            UserId = UserId(user),
            CampaignId = CampaignOf(creator),
            CreatorId = CreatorId(creator),
            Platform = PlatformOf(post),
            ContentId = ContentId(creator, post),
            IpHash = IpOf(user),
            DeviceId = Hex("d-", Hash(user, 5)),
            UserAgentHash = Hex("ua-", Hash(user, 6) % 300),
            Country = Countries[Hash(user, 7) % (ulong)Countries.Length],
            Kind = kind,
            CommentText = kind == EngagementKind.Comment ? Comments[Hash(user, 8) % (ulong)Comments.Length] + " " + UserId(user)[2..6] : null,
            AccountAgeDays = 30 + (int)(Hash(user, 9) % 2_900),
        };
    }

    private Click Click(int user, int step, long ts, int creator, int post, double roll) => new()
    {
        EventId = EventId(user, step),
        Ts = ts,
        UserId = UserId(user),
        CampaignId = CampaignOf(creator),
        CreatorId = CreatorId(creator),
        Platform = PlatformOf(post),
        ContentId = ContentId(creator, post),
        IpHash = IpOf(user),
        DeviceId = Hex("d-", Hash(user, 5)),
        UserAgentHash = Hex("ua-", Hash(user, 6) % 300),
        Country = Countries[Hash(user, 7) % (ulong)Countries.Length],
        LinkId = $"lnk-{CreatorId(creator)}",
        UtmSource = "instagram",
        UtmMedium = "influencer",
        DwellMs = 3_000 + (long)(roll * 200_000),
        Pages = 1 + (int)(Hash(user, 4) % 6),
    };

    private Conversion Purchase(int user, int step, long ts, int creator, double roll) => new()
    {
        EventId = EventId(user, step),
        Ts = ts,
        UserId = UserId(user),
        BrandId = $"brand-{creator % _options.Campaigns % 2}",
        OrderId = Hex("o-", Hash(user, 11)),
        Kind = ConversionKind.Purchase,
        Value = 20 + (decimal)Math.Round(roll * 3_000, 2),
        Currency = "USD",
        CampaignId = CampaignOf(creator),
        LinkId = roll < 0.02 ? $"lnk-{CreatorId(creator)}" : null,
    };

    private static string CreatorId(int creator) => $"cr-{creator:D5}";

    private string CampaignOf(int creator) => $"camp-{creator % _options.Campaigns}";

    private static string ContentId(int creator, int post) => $"c-{CreatorId(creator)}-{post}";

    private static Platform PlatformOf(int post) => post % 2 == 0 ? Platform.Instagram : Platform.TikTok;

    private string UserId(int user) => Hex("u-", Hash(user, 0));

    // Most users on their home address, one in ten behind a carrier's shared pool of 4,000 (as the generator's audience).
    private string IpOf(int user) => Unit(Hash(user, 12)) < 0.9 ? Hex("ip-", Hash(user, 13)) : Hex("ip-", Hash(Hash(user, 14) % 4_000, 15));

    private string EventId(int user, int step)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, Hash(user, 100 + (ulong)step));
        BitConverter.TryWriteBytes(bytes[8..], Hash(user, 200 + (ulong)step));
        return new Guid(bytes).ToString();
    }

    private ulong Hash(long user, ulong field) => Mix(_salt ^ Mix(((ulong)user * 0x9E37_79B9_7F4A_7C15UL) + field));

    private ulong Hash(ulong value, ulong field) => Hash((long)value, field);

    private static double Unit(ulong hash) => (hash >> 11) * (1.0 / (1UL << 53));

    private static string Hex(string prefix, ulong hash) => prefix + (hash & 0xFF_FFFF_FFFFUL).ToString("x10", CultureInfo.InvariantCulture);

    // SplitMix64's finaliser: a cheap, well-mixed hash of one 64-bit value.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EBUL;
        return z ^ (z >> 31);
    }
}
