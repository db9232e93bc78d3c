using CreatorStream.Core.Events;

namespace CreatorStream.Simulation;

/// <summary>
/// Labelled fake traffic (docs/design.md, "Authenticity"). Bot farms, bought likes and click floods come as incidents, in
/// turn, at irregular intervals; pods engage with each new post of their creators. Each incident streams its
/// events in time order, so only the incidents under way are held in memory. Fakes never convert.
/// Mutable; one per enumeration.
/// </summary>
internal sealed class FakeIncidents
{
    /// <summary>Fake events from incidents as a share of genuine events (pods come on top, a few per post).</summary>
    public const double Share = 0.04;

    // Incident sizes are set for the default 200 events/s and scale with the rate (0.05× to 10×), so an
    // incident stands out against the same amount of genuine traffic on a post whatever the rate.
    private const double ReferenceEventsPerSecond = 200;

    private readonly TrafficSimulation _simulation;
    private readonly double _scale;
    private readonly double _meanGapMs;
    private long _accounts;
    private long _infrastructure;
    private int _turn;

    public FakeIncidents(TrafficSimulation simulation)
    {
        _simulation = simulation;
        _scale = Math.Clamp(simulation.Options.EventsPerSecond / ReferenceEventsPerSecond, 0.05, 10);

        // Mean sizes at scale 1: bot farm ≈ 225 accounts × 1.3 posts × 1.35 events ≈ 400, bought likes 275, click flood 200.
        var meanSize = (400 + 275 + 200) / 3.0 * _scale;
        _meanGapMs = meanSize / (Share * simulation.Options.EventsPerSecond) * 1_000;
        _turn = simulation.Random.Next(3);
    }

    /// <summary>Schedules the first incident early in the run (10–40 s in) so even short runs have fakes.</summary>
    public void Start(long startMs) => ScheduleNext(startMs + (long)_simulation.Random.Uniform(10_000, 40_000));

    /// <summary>A pod's wave on a new post of one of its creators.</summary>
    public void Published(Post post)
    {
        if (_simulation.World.PodOf.TryGetValue(post.Creator, out var pod))
        {
            _simulation.Follow(PodWave(pod, post), FakeLabels.Pod);
        }
    }

    private void ScheduleNext(long at) => _simulation.At(at, () =>
    {
        var post = _simulation.Posts.Pick(_simulation.Now);
        switch (_turn++ % 3)
        {
            case 0:
                _simulation.Follow(BotFarm(post), FakeLabels.BotFarm);
                break;
            case 1:
                _simulation.Follow(BoughtLikes(post), FakeLabels.BoughtLikes);
                break;
            default:
                _simulation.Follow(ClickFlood(post), FakeLabels.ClickFlood);
                break;
        }

        // Gaps vary ±50 % around the mean rather than exponentially, so a short demo run is not left without fakes.
        ScheduleNext(_simulation.Now + (long)(_simulation.Random.Uniform(0.5, 1.5) * _meanGapMs));
    });

    private int Size(double min, double max) => Math.Max(12, (int)(_simulation.Random.Uniform(min, max) * _scale));

    /// <summary>
    /// Many brand-new accounts behind 2–4 IPs and 1–3 devices, one user agent and one country. Account k acts at
    /// start + k × period exactly (±30 ms): a like, and a pasted comment a quarter period later; a second post of the
    /// same creator gets the same treatment half a period later. No impressions.
    /// </summary>
    private IEnumerable<StreamEvent> BotFarm(Post post)
    {
        var rng = _simulation.Random;
        var accounts = Size(150, 300);
        var period = rng.Uniform(600, 1_500);
        var ips = NewIdentifiers("ip-", rng.Next(2, 5));
        var devices = NewIdentifiers("d-", rng.Next(1, 4));
        var agent = NewIdentifiers("ua-", 1)[0];
        var country = Audience.Country(rng);
        string[] pasted = [rng.Pick(Vocabulary.BotComments), rng.Pick(Vocabulary.BotComments)];
        var others = _simulation.Posts.Live.Where(p => p.Creator == post.Creator && p != post).ToArray();
        Post[] targets = others.Length > 0 && rng.Chance(0.5) ? [post, rng.Pick(others)] : [post];
        var start = _simulation.Now;
        var last = start;
        for (var k = 0; k < accounts; k++)
        {
            var who = new AudienceMember(NextAccount(), rng.Pick(ips), rng.Pick(devices), agent, country, rng.Next(0, 6));
            for (var t = 0; t < targets.Length; t++)
            {
                var at = start + (long)((k + (t / 2.0)) * period);
                last = Math.Max(last, at + (long)rng.Uniform(-30, 30));
                yield return EventFactory.Engagement(_simulation.NextEventId(), last, targets[t], who, EngagementKind.Like, null);
                if (rng.Chance(0.35))
                {
                    last = Math.Max(last, at + (long)(period / 4));
                    yield return EventFactory.Engagement(_simulation.NextEventId(), last, targets[t], who, EngagementKind.Comment, rng.Pick(pasted));
                }
            }
        }
    }

    /// <summary>A burst of likes on one post within 30–90 s: one like per new account, from a small proxy pool, no impressions, no comments.</summary>
    private IEnumerable<StreamEvent> BoughtLikes(Post post)
    {
        var rng = _simulation.Random;
        var likes = Size(150, 400);
        var meanGap = rng.Uniform(30_000, 90_000) / likes;
        var proxies = NewIdentifiers("ip-", Math.Max(3, likes / 10));
        var agents = NewIdentifiers("ua-", 3);
        double at = _simulation.Now;
        for (var i = 0; i < likes; i++)
        {
            at += rng.Exponential(meanGap);
            var device = rng.Chance(0.5) ? NewIdentifiers("d-", 1)[0] : null;
            var who = new AudienceMember(NextAccount(), rng.Pick(proxies), device, rng.Pick(agents), Audience.Country(rng), rng.Next(0, 30));
            yield return EventFactory.Engagement(_simulation.NextEventId(), (long)at, post, who, EngagementKind.Like, null);
        }
    }

    /// <summary>
    /// Scripted clicks on a post's link, evenly paced over 1–3 minutes from 1–4 IPs and 1–2 devices, each leaving
    /// within 300 ms on the first page. Most clicks carry a fresh user id (cookies cleared); no impressions.
    /// </summary>
    private IEnumerable<StreamEvent> ClickFlood(Post post)
    {
        var rng = _simulation.Random;
        var clicks = Size(100, 300);
        var gap = rng.Uniform(60_000, 180_000) / clicks;
        var ips = NewIdentifiers("ip-", rng.Next(1, 5));
        var devices = NewIdentifiers("d-", rng.Next(1, 3));
        var agent = NewIdentifiers("ua-", 1)[0];
        var country = Audience.Country(rng);
        var regulars = Enumerable.Range(0, 5).Select(_ => NextAccount()).ToArray();
        var start = _simulation.Now;
        var last = start;
        for (var i = 0; i < clicks; i++)
        {
            last = Math.Max(last, start + (long)((i + rng.Uniform(-0.1, 0.1)) * gap));
            var user = rng.Chance(0.7) ? NextAccount() : rng.Pick(regulars);
            var who = new AudienceMember(user, rng.Pick(ips), rng.Pick(devices), agent, country, 0);
            yield return EventFactory.Click(_simulation.NextEventId(), last, post, who, rng.Next(0, 300), 1, affiliate: false);
        }
    }

    /// <summary>
    /// Each member (90 % turn up) views the new post 20 s to 4 min after it goes up, likes it within seconds,
    /// usually leaves a warm generic comment and sometimes saves it. Real accounts: impressions, old accounts,
    /// their own devices; only the same faces on the same creators' posts, wave after wave, give them away.
    /// </summary>
    private IEnumerable<StreamEvent> PodWave(Pod pod, Post post)
    {
        var rng = _simulation.Random;
        var events = new List<StreamEvent>();
        foreach (var member in pod.Members)
        {
            if (!rng.Chance(0.9))
            {
                continue;
            }

            var at = post.PublishedAt + (long)rng.Uniform(20_000, 240_000);
            events.Add(EventFactory.Impression(_simulation.NextEventId(), at, post, member));
            at += (long)rng.Uniform(2_000, 10_000);
            events.Add(EventFactory.Engagement(_simulation.NextEventId(), at, post, member, EngagementKind.Like, null));
            if (rng.Chance(0.75))
            {
                at += (long)rng.Uniform(5_000, 30_000);
                events.Add(EventFactory.Engagement(_simulation.NextEventId(), at, post, member, EngagementKind.Comment, rng.Pick(Vocabulary.PodComments)));
            }

            if (rng.Chance(0.25))
            {
                at += (long)rng.Uniform(1_000, 10_000);
                events.Add(EventFactory.Engagement(_simulation.NextEventId(), at, post, member, EngagementKind.Save, null));
            }
        }

        return events.OrderBy(e => e.Ts);
    }

    private string NextAccount() => _simulation.World.Audience.FakeUserId(_accounts++);

    private string[] NewIdentifiers(string prefix, int count)
    {
        var ids = new string[count];
        for (var i = 0; i < count; i++)
        {
            ids[i] = _simulation.World.Audience.FakeIdentifier(prefix, _infrastructure++);
        }

        return ids;
    }
}
