using CreatorStream.Core.Alerts;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Content;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Reporting;
using CreatorStream.Simulation;
using Xunit.Abstractions;

namespace CreatorStream.Processing.Tests.Replay;

/// <summary>
/// Negative sentiment spikes on generated traffic into which this test plants backlashes the generator knows nothing of
/// (docs/design.md, "Content"): on chosen posts, real viewers of the post (users the post had reached) write negative
/// comments, in words written here and never used to tune the scorer, in three shapes: sudden (the same count for three
/// minutes), building (rising over six) and pulsing. The oracle is the plan: each backlash raises one alert on its post within
/// its minutes, and no alert is raised anywhere else, on the same traffic without backlashes either. The detector's
/// thresholds were set from the engagement spike rule before any of these seeds were run; they are not fitted here.
/// </summary>
public sealed class BacklashTests(ITestOutputHelper output)
{
    /// <summary>Complaints as viewers write them, apart from the sentiment lexicon's tuning set.</summary>
    private static readonly string[] Complaints =
    [
        "this broke after two days, total waste of money", "returned it, worst purchase this year",
        "not worth the price at all", "mine arrived damaged and support ignored me", "honestly disappointed",
        "stop promoting this, it's a scam", "the quality is awful compared to the ad", "never ordering from them again",
        "this gave me a rash, be careful", "feels like a cash grab tbh", "so misleading, it looks nothing like this",
        "still waiting on my refund, terrible service", "hate how pushy these ads are", "cheap and flimsy, don't buy",
        "unfollowing, this is just an ad now", "my order never came, avoid",
    ];

    private const long Minute = 60_000;

    /// <summary>
    /// Seeds 41–44 were the first measurement (31–33 were run while the detector was written: there the building shape
    /// was missed until turned minutes stopped being learnt); after a review found busy posts' noise alerting, the
    /// binomial test was added and seeds 51–54, never run before, joined them. Goal: nine in ten backlashes alerted, no
    /// alert without one.
    /// </summary>
    [Fact]
    public async Task Replay_PlantedBacklashes_AreAlertedOnTheirPostsInTheirMinutes_AndNothingElse()
    {
        var (planted, caught, unexplained) = (0, 0, new List<string>());
        foreach (var seed in new[] { 41, 42, 43, 44, 51, 52, 53, 54 })
        {
            var generator = new TrafficGenerator(new GeneratorOptions { Seed = seed, StartMs = 1_767_225_600_000, EventsPerSecond = 40, MaxEvents = 120_000, SiteSessions = true, PostReports = true });
            var records = generator.Generate().ToList();
            var catalog = CampaignCatalog.From(generator.Campaigns);

            var quiet = SentimentAlerts(await GeneratedReplay.ReportAsync(catalog, records.Select(r => r.Value)));
            unexplained.AddRange(quiet.Select(a => $"seed {seed}, no backlash planted: {a.ContentId} at {a.WindowStart}"));

            var (backlashes, lines) = Plant(records, new Random(seed));
            var report = await GeneratedReplay.ReportAsync(catalog, lines);
            var alerts = SentimentAlerts(report);
            bool Within(AlertReport a, Backlash b) => a.ContentId == b.ContentId && a.WindowStart >= b.StartMs && a.WindowStart < b.EndMs;
            var missed = backlashes.Where(b => !alerts.Any(a => Within(a, b))).ToList();
            planted += backlashes.Count;
            caught += backlashes.Count - missed.Count;
            unexplained.AddRange(alerts.Where(a => !backlashes.Any(b => Within(a, b))).Select(a => $"seed {seed}: {a.ContentId} at {a.WindowStart}"));
            unexplained.AddRange(backlashes.Where(b => alerts.Count(a => a.ContentId == b.ContentId) > 1).Select(b => $"seed {seed}: {b.ContentId} alerted more than once"));
            output.WriteLine($"seed {seed}: {backlashes.Count} planted, {backlashes.Count - missed.Count} caught; missed: {string.Join("; ", missed.Select(b => $"{b.ContentId} {string.Join(",", b.PerMinute)}, post's comments {report.Campaigns.Values.Select(c => c.Content.GetValueOrDefault(b.ContentId)?.Comments).First(c => c is not null)}"))}");
        }

        var negative = Complaints.Count(c => SentimentScorer.Default.Classify(c) == SentimentClass.Negative);
        output.WriteLine($"{caught} of {planted} caught; the scorer calls {negative} of the {Complaints.Length} complaints negative");
        Assert.Equal(32, planted);
        Assert.True(caught >= 0.9 * planted, $"caught {caught} of {planted} planted backlashes");
        Assert.Empty(unexplained);
    }

    private sealed record Backlash(string ContentId, long StartMs, long EndMs, int[] PerMinute);

    /// <summary>
    /// Four backlashes on four posts with a reach of at least 40 viewers, each from the middle of its post's reach, in
    /// three shapes in turn: sudden (6–12 negative comments a minute for three minutes), building (1, 2, 4, 6, 8, 10) and
    /// pulsing (8, 0, 8, 0, 8). Each comment is written by a
    /// different viewer the post reached before it, with that viewer's device and country.
    /// </summary>
    private static (List<Backlash> Planted, IEnumerable<byte[]> Lines) Plant(List<GeneratedRecord> records, Random rng)
    {
        var genuine = records.Where(r => r.Kind == RecordKind.Genuine && r.FakeLabel is null).Select(r => r.Event).OfType<Impression>().ToList();
        var start = genuine.Min(i => i.Ts);
        var end = genuine.Max(i => i.Ts);
        var candidates = genuine.GroupBy(i => i.ContentId)
            .Select(g => (Content: g.Key, Viewers: g.Where(i => i.Ts < end - (10 * Minute)).DistinctBy(i => i.UserId).ToList()))
            .Where(p => p.Viewers.Count >= 40)
            .OrderBy(p => p.Content, StringComparer.Ordinal)
            .ToList();

        var planted = new List<Backlash>();
        var extra = new List<(long Ts, byte[] Line)>();
        for (var i = 0; i < 4 && candidates.Count > 0; i++)
        {
            var (content, viewers) = candidates[rng.Next(candidates.Count)];
            candidates.RemoveAll(c => c.Content == content);
            int[] perMinute = (i % 3) switch
            {
                0 => [.. Enumerable.Repeat(rng.Next(6, 13), 3)],
                1 => [1, 2, 4, 6, 8, 10],
                _ => [8, 0, 8, 0, 8],
            };
            var at = Math.Max(viewers.OrderBy(v => v.Ts).ElementAt(viewers.Count / 2).Ts, start + (Minute * 5));
            var first = at - (at % Minute) + Minute;
            var writers = new Queue<Impression>(viewers.Where(v => v.Ts < first).OrderBy(_ => rng.Next()));
            var written = new int[perMinute.Length];
            for (var m = 0; m < perMinute.Length && writers.Count > 0; m++)
            {
                for (var c = 0; c < perMinute[m] && writers.Count > 0; c++, written[m]++)
                {
                    var viewer = writers.Dequeue();
                    var ts = first + (m * Minute) + rng.Next(0, (int)Minute);
                    var comment = new Engagement
                    {
                        EventId = $"backlash-{content}-{m}-{c}",
                        Ts = ts,
                        UserId = viewer.UserId,
                        CampaignId = viewer.CampaignId,
                        CreatorId = viewer.CreatorId,
                        ContentId = viewer.ContentId,
                        Platform = viewer.Platform,
                        IpHash = viewer.IpHash,
                        DeviceId = viewer.DeviceId,
                        UserAgentHash = viewer.UserAgentHash,
                        Country = viewer.Country,
                        Kind = EngagementKind.Comment,
                        CommentText = Complaints[rng.Next(Complaints.Length)],
                    };
                    extra.Add((ts, EventWriter.ToUtf8(comment, includeType: true)));
                }
            }

            planted.Add(new Backlash(content, first, first + (perMinute.Length * Minute), written)); // what the viewers available wrote
        }

        // Each planted comment goes in after the last generated record not later than it (the file stays in time order).
        var lines = new List<byte[]>(records.Count + extra.Count);
        var queue = new Queue<(long Ts, byte[] Line)>(extra.OrderBy(e => e.Ts));
        foreach (var record in records)
        {
            while (queue.Count > 0 && record.Event is { } e && queue.Peek().Ts <= e.Ts)
            {
                lines.Add(queue.Dequeue().Line);
            }

            lines.Add(record.Value);
        }

        lines.AddRange(queue.Select(q => q.Line));
        return (planted, lines);
    }

    private static List<AlertReport> SentimentAlerts(ReplayReport report) =>
        [.. report.Campaigns.Values.SelectMany(c => c.Alerts).Where(a => a.Kind == AlertKinds.NegativeSentimentSpike && a.Details["retracted"] is null)];
}
