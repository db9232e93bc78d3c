using BenchmarkDotNet.Attributes;
using CreatorStream.Core.Events;

namespace CreatorStream.Benchmarks;

/// <summary>
/// One post drawing engagements at a steady pace for five minutes (a viral moment), each shown first and judged a lag
/// later, as the dataflow judges (docs/design.md, "Authenticity"). The cost per engagement should not grow with the pace:
/// before the group signals kept a sliding tally (session 12), every judgement scanned the post's whole window, so the
/// time per engagement grew with the engagements in ten minutes.
/// </summary>
[MemoryDiagnoser]
public class HotPostBenchmarks
{
    private const long Start = 1_767_225_600_000;
    private const long Span = 5 * 60_000;
    private readonly List<AudienceEvent> _events = [];

    private static readonly string[] Words =
    [
        "love", "the", "colour", "where", "jacket", "from", "need", "this", "summer", "so", "happy", "look", "great", "wow",
        "link", "please", "size", "blue", "amazing", "style", "outfit", "perfect", "beach", "trip", "sister", "gift", "buy",
        "today", "shoes", "bag", "fits", "you", "me", "want", "soft", "warm", "price", "sale", "cute", "vibe",
    ];

    [Params(20, 200)]
    public int EngagementsPerSecond { get; set; }

    /// <summary>
    /// Whether the comments are a wave of near-identical lines (a giveaway's entries, or a template: the group signals
    /// fire and their members are looked up) or each its own few words (nothing fires).
    /// </summary>
    [Params(false, true)]
    public bool Wave { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _events.Clear();
        var count = (int)(EngagementsPerSecond * Span / 1_000);
        var random = new Random(7);
        for (var i = 0; i < count; i++)
        {
            var ts = Start + (i * Span / count);
            var user = $"fan-{i}";
            _events.Add(new Impression { EventId = $"imp-{i}", Ts = ts - 2_000, UserId = user, CampaignId = "spring", CreatorId = "anna", Platform = Platform.Instagram, ContentId = "post-1", ContentFormat = ContentFormat.Reel });
            _events.Add(i % 5 == 0
                ? new Engagement { EventId = $"eng-{i}", Ts = ts, UserId = user, CampaignId = "spring", CreatorId = "anna", Platform = Platform.Instagram, ContentId = "post-1", Kind = EngagementKind.Comment, CommentText = Wave ? $"where can I get the jacket from clip {i % 37}?" : string.Join(' ', Enumerable.Range(0, 6).Select(_ => Words[random.Next(Words.Length)])) }
                : new Engagement { EventId = $"eng-{i}", Ts = ts, UserId = user, CampaignId = "spring", CreatorId = "anna", Platform = Platform.Instagram, ContentId = "post-1", Kind = EngagementKind.Like });
        }

        _events.Sort((a, b) => a.Ts.CompareTo(b.Ts));
    }

    /// <summary>Every event observed in time order and judged once the judge lag has passed it; returns the flagged.</summary>
    [Benchmark]
    public int ObserveAndJudge() => LaggedJudging.Flagged(_events);
}
