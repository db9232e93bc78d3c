using BenchmarkDotNet.Attributes;
using CreatorStream.Core.Estimates;

namespace CreatorStream.Benchmarks;

/// <summary>
/// One making of a brand's halo (docs/design.md, "Estimates"): the baseline's fit, its bootstrap and the sharing among
/// posts, over a campaign of <see cref="Days"/> days with <see cref="Posts"/> posts. The brand task makes it after a
/// batch only when an input in the complete hours it reads changed, so this is the cost of such a batch, not of an event.
/// </summary>
[MemoryDiagnoser]
public class EstimatesBenchmarks
{
    private const long HourMs = HaloEstimator.HourMs;
    private readonly Dictionary<long, HourTraffic> _traffic = [];
    private readonly List<PostExposure> _posts = [];
    private readonly Dictionary<string, HaloEstimator.Settings> _campaigns = new(StringComparer.Ordinal) { ["spring"] = new(72, 24) };
    private long _firstHour;
    private long _lastHour;

    [Params(21, 90)]
    public int Days { get; set; }

    [Params(30, 120)]
    public int Posts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _traffic.Clear();
        _posts.Clear();
        var random = new Random(7);
        _firstHour = 1_772_323_200_000 / HourMs;
        _lastHour = _firstHour + (Days * 24) - 1;
        for (var hour = _firstHour; hour <= _lastHour; hour++)
        {
            var sessions = 5 + random.Next(20);
            _traffic[hour] = new HourTraffic { Sessions = sessions, Conversions = sessions / 8, Revenue = sessions / 8 * 60.0, RevenueSquares = sessions / 8 * 3_600.0 };
        }

        // Posts from the second third of the campaign on, so the baseline has quiet hours before them.
        for (var p = 0; p < Posts; p++)
        {
            var start = ((_firstHour + (Days * 8) + random.Next(Days * 16)) * HourMs) + random.Next((int)HourMs);
            var post = new PostExposure("spring", $"creator-{p % 6}", $"post-{p}", start, 72);
            for (var i = 0; i < 2_000; i++)
            {
                post.Impression(start + (long)(random.NextDouble() * 72 * HourMs));
            }

            _posts.Add(post);
        }
    }

    [Benchmark]
    public int MakeHalo() => HaloEstimator.Estimate(_traffic, _posts, _campaigns, _firstHour, _lastHour)["spring"].Posts.Count;
}
