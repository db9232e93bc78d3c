using BenchmarkDotNet.Attributes;
using CreatorStream.Core.Events;

namespace CreatorStream.Benchmarks;

/// <summary>
/// One post bought a batch: <see cref="BatchSize"/> accounts never shown it, new to its creator, a steady stream over ten
/// minutes, beside a follower's like every two seconds. The batch is likes, or comments of generic praise (a praise wave
/// as well as an exposure gap), or near-identical comments (a template wave as well), as <see cref="Batch"/> says. Observed in time order and judged a lag later
/// with revisions on, as the dataflow judges (docs/design.md, "Authenticity"). Every judgement of the batch finds the
/// group again and reads its members: the cost per engagement grows with the batch's size. Before each post kept the
/// accounts known clear (session 39) every judgement also looked every member up, so a batch of 16,000 cost about
/// 16,000 lookups per like (docs/benchmarks.md, session 39); until session 67 every judgement still scanned the group's
/// run (docs/benchmarks.md, "Session 67").
/// </summary>
[MemoryDiagnoser]
public class BoughtBatchBenchmarks
{
    private const long Start = 1_767_225_600_000;
    private const long Span = 10 * 60_000;
    private const long FollowerEveryMs = 2_000;
    private readonly List<AudienceEvent> _events = [];

    // Bought comments: praise that fits any post, and a farm's template with small edits.
    private static readonly string[] PraiseLines = ["so good 🔥", "love this", "Amazing content!!", "wow", "stunning", "Yesss love this"];
    private static readonly string[] TemplateLines = ["Check out my page for the best deals ever", "check out my page for the best deal ever!", "Check out my page for the best deals ever!!"];

    [Params(1_000, 4_000, 16_000)]
    public int BatchSize { get; set; }

    /// <summary>What the batch bought: likes, generic praise, or a template's comments.</summary>
    [Params("likes", "praise", "template")]
    public string Batch { get; set; } = "likes";

    [GlobalSetup]
    public void Setup()
    {
        _events.Clear();
        for (var i = 0; i < BatchSize; i++)
        {
            var (user, ts) = ($"bought-{i}", Start + (i * Span / BatchSize));
            _events.Add(Batch switch
            {
                "praise" => Comment(user, ts, PraiseLines[i % PraiseLines.Length]),
                "template" => Comment(user, ts, TemplateLines[i % TemplateLines.Length]),
                _ => Like(user, ts),
            });
        }

        for (var (ts, i) = (Start, 0); ts < Start + Span; ts += FollowerEveryMs, i++)
        {
            _events.Add(new Impression { EventId = $"imp-{i}", Ts = ts - 1_000, UserId = $"fan-{i}", CampaignId = "spring", CreatorId = "anna", Platform = Platform.Instagram, ContentId = "post-1", ContentFormat = ContentFormat.Reel });
            _events.Add(Like($"fan-{i}", ts));
        }

        _events.Sort((a, b) => a.Ts != b.Ts ? a.Ts.CompareTo(b.Ts) : string.CompareOrdinal(a.EventId, b.EventId));
    }

    /// <summary>Every event observed in time order, judged once the judge lag has passed it, revisions on; returns the flagged and revised.</summary>
    [Benchmark]
    public int ObserveAndJudge() => LaggedJudging.Flagged(_events, []);

    private static Engagement Comment(string user, long ts, string text) => Like(user, ts) with { Kind = EngagementKind.Comment, CommentText = text };

    private static Engagement Like(string user, long ts) =>
        new() { EventId = $"eng-{user}", Ts = ts, UserId = user, CampaignId = "spring", CreatorId = "anna", Platform = Platform.Instagram, ContentId = "post-1", Kind = EngagementKind.Like, AccountAgeDays = 400 };
}
