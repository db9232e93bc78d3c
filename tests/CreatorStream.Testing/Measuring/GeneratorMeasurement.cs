using CreatorStream.Core.Alerts;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Events;
using CreatorStream.Simulation;

namespace CreatorStream.Testing.Measuring;

/// <summary>
/// Scores an <see cref="AuthenticityClassifier"/> against the generator's ground truth: every on-time record's event
/// in emission order, <c>Advance</c> every 1 000 events with the watermark 5 s behind the newest event time.
/// Only engagements and clicks are scored (impressions are always authentic). Mutable; one per run.
/// </summary>
public sealed class GeneratorMeasurement
{
    public const long StartMs = 1_767_225_600_000;

    private readonly HashSet<(string, string, string)> _podPostKeys = [];
    private readonly Dictionary<string, string> _podFirstPost = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _podPosts = new(StringComparer.Ordinal);

    public Dictionary<string, (int All, int Flagged)> ByLabel { get; } = [];

    /// <summary>
    /// Flagged events by label and reasons ("pod:pod+pod_comment"); genuine events on a post a pod had engaged by then
    /// are labelled <c>genuine-podpost</c>, to tell fans caught beside a pod from fans caught on their own.
    /// </summary>
    public Dictionary<string, int> Combos { get; } = [];

    public int GenuineAll { get; private set; }

    /// <summary>Pod events on each member's first post of the run (nothing to recognise them by yet): all and flagged.</summary>
    public (int All, int Flagged) PodFirstPost { get; private set; }

    /// <summary>Pod members' very first engagement of the run (a like): all and flagged.</summary>
    public (int All, int Flagged) PodFirstLike { get; private set; }

    /// <summary>Pod events not flagged, by the member's post number in the run (1 = its first) and event kind.</summary>
    public Dictionary<string, int> PodMisses { get; } = [];


    public int GenuineFlagged { get; private set; }

    /// <summary>
    /// Per creator a pod works for: the event time of the pod's first engagement on the creator's posts, and of the first
    /// decision that flagged one of them (its own verdict a judge lag after it, or a revision; null when none did).
    /// </summary>
    public Dictionary<(string Campaign, string Creator), (long FirstMs, long? FirstFlaggedMs)> PodDetection { get; } = [];

    public List<Alert> Alerts { get; } = [];

    /// <summary>The viral surges the generator planted in this run.</summary>
    public SimulationLog Log { get; } = new();

    /// <summary>Flagged engagements and clicks per post (campaign, creator, content): event time and whether the event was fake.</summary>
    public Dictionary<(string, string, string), List<(long Ts, bool Fake)>> FlaggedOnPost { get; } = [];

    public long MaxStateSize { get; private set; }

    /// <summary>Genuine engagements and clicks flagged: who, where, when and why (for reading what a run got wrong).</summary>
    public List<(string User, string Content, long Ts, string Reasons)> GenuineFlags { get; } = [];

    public AuthenticityClassifier Classifier { get; private set; } = null!;

    public double Precision
    {
        get
        {
            var fakeFlagged = ByLabel.Values.Sum(v => v.Flagged);
            return (double)fakeFlagged / Math.Max(1, fakeFlagged + GenuineFlagged);
        }
    }

    public double GenuineFpr => (double)GenuineFlagged / Math.Max(1, GenuineAll);

    public double Recall(string label) => ByLabel.TryGetValue(label, out var v) ? (double)v.Flagged / Math.Max(1, v.All) : double.NaN;

    public static GeneratorMeasurement Run(int seed, long maxEvents = 150_000, AuthenticityOptions? options = null) =>
        Run(new GeneratorOptions { Seed = seed, StartMs = StartMs, EventsPerSecond = 100, MaxEvents = maxEvents }, options);

    public static GeneratorMeasurement Run(GeneratorOptions generatorOptions, AuthenticityOptions? options = null)
    {
        var o = options ?? AuthenticityOptions.Default;
        var m = new GeneratorMeasurement { Classifier = new AuthenticityClassifier(o) };
        var generator = new TrafficGenerator(generatorOptions);
        var maxTs = long.MinValue;
        var fed = 0;

        // As the dataflow runs it: each event observed as it comes, judged once the watermark (newest − 5 s) is the judge
        // lag past it, so its verdict sees its group; a judgement that finds a group revises its members' earlier verdicts.
        var waiting = new Queue<GeneratedRecord>();
        var judged = new List<(AudienceEvent Event, string? Label)>();
        var outcome = new Dictionary<string, (bool Flagged, string Reasons, long DecidedAt)>(StringComparer.Ordinal);
        var revised = new List<RevisedEngagement>();
        void Judge(GeneratedRecord record)
        {
            var e = (AudienceEvent)record.Event!;
            revised.Clear();
            var verdict = m.Classifier.Judge(e, revised);
            if (e is Impression)
            {
                return;
            }

            judged.Add((e, record.FakeLabel));
            outcome[e.EventId] = (!verdict.IsAuthentic, string.Join("+", verdict.Reasons), e.Ts + o.JudgeLagMs);
            foreach (var r in revised)
            {
                outcome[r.EventId] = (true, "revised:" + r.Reason, e.Ts + o.JudgeLagMs);
            }
        }

        foreach (var record in generator.Generate(m.Log))
        {
            if (record.Kind is RecordKind.Malformed or RecordKind.Duplicate || record.Event is not AudienceEvent e)
            {
                continue;
            }

            maxTs = Math.Max(maxTs, e.Ts);
            m.Classifier.Observe(e);
            waiting.Enqueue(record);
            while (waiting.TryPeek(out var due) && due.Event!.Ts <= maxTs - 5_000 - o.JudgeLagMs)
            {
                Judge(waiting.Dequeue());
            }

            if (++fed % 1_000 == 0)
            {
                m.Classifier.Advance(maxTs - 5_000 - o.JudgeLagMs, fed, m.Alerts);
                m.MaxStateSize = Math.Max(m.MaxStateSize, m.Classifier.StateSize);
            }
        }

        while (waiting.TryDequeue(out var rest))
        {
            Judge(rest);
        }

        m.Classifier.Advance(maxTs - 5_000, fed, m.Alerts);
        foreach (var (e, label) in judged)
        {
            var (flagged, reasons, decidedAt) = outcome[e.EventId];
            m.ScoreEvent(e, label, flagged, reasons, decidedAt);
        }

        return m;
    }

    private void ScoreEvent(AudienceEvent e, string? label, bool flagged, string reasons, long decidedAt)
    {
        Score(label, flagged);
        if (label == FakeLabels.Pod)
        {
            _podPostKeys.Add((e.CampaignId, e.CreatorId, e.ContentId));
            ScorePodFirsts(e, flagged, decidedAt);
        }

        if (flagged)
        {
            var key = (e.CampaignId, e.CreatorId, e.ContentId);
            if (!FlaggedOnPost.TryGetValue(key, out var onPost))
            {
                FlaggedOnPost[key] = onPost = [];
            }

            onPost.Add((e.Ts, label is not null));
            if (label is null)
            {
                GenuineFlags.Add((e.UserId, e.ContentId, e.Ts, reasons));
            }

            var k = (label ?? (_podPostKeys.Contains(key) ? "genuine-podpost" : "genuine")) + ":" + reasons;
            Combos[k] = Combos.GetValueOrDefault(k) + 1;
        }
    }

    /// <summary>
    /// Alerts (last send of each incident) that genuine engagement made: in the alert's window the post has at least as
    /// many genuine events flagged as fake ones. <paramref name="onSurges"/> keeps those on a planted viral surge's post
    /// whose window overlaps the surge. (A pod's incident that a few flagged fans pushed over the alert's floor is the
    /// pod's, and not counted.)
    /// </summary>
    public List<Alert> GenuineAlerts(bool onSurges = false)
    {
        var last = new Dictionary<string, Alert>(StringComparer.Ordinal);
        foreach (var alert in Alerts)
        {
            last[alert.AlertId] = alert;
        }

        var found = new List<Alert>();
        foreach (var alert in last.Values.OrderBy(a => a.AlertId, StringComparer.Ordinal))
        {
            var key = (alert.CampaignId, alert.CreatorId, alert.ContentId!);
            var inWindow = FlaggedOnPost.TryGetValue(key, out var flagged)
                ? flagged.Where(f => f.Ts >= alert.WindowStart && f.Ts < alert.WindowEnd).ToList()
                : [];
            var fakes = inWindow.Count(f => f.Fake);
            var surge = Log.Surges.Any(s => (s.CampaignId, s.CreatorId, s.ContentId) == key && s.StartMs < alert.WindowEnd && alert.WindowStart < s.EndMs);
            if (inWindow.Count - fakes >= fakes && (!onSurges || surge))
            {
                found.Add(alert);
            }
        }

        return found;
    }

    public string Table(int seed)
    {
        var lines = new List<string> { $"seed {seed}: label          events  flagged  recall" };
        foreach (var label in FakeLabels.All)
        {
            ByLabel.TryGetValue(label, out var v);
            lines.Add($"  {label,-20} {v.All,8} {v.Flagged,8}  {Recall(label),6:P1}");
        }

        lines.Add($"  {"genuine",-20} {GenuineAll,8} {GenuineFlagged,8}  FPR {GenuineFpr:P2}");
        lines.Add($"  precision {Precision:P2}; alerts {Alerts.Select(a => a.AlertId).Distinct().Count()} incidents ({Alerts.Count} sends); max state {MaxStateSize}");
        lines.Add($"  pod first post {PodFirstPost.Flagged}/{PodFirstPost.All}, first like {PodFirstLike.Flagged}/{PodFirstLike.All}");
        var detection = PodDetection.Values.Select(d => d.FirstFlaggedMs is { } f ? $"{(f - d.FirstMs) / 1000}" : "never");
        lines.Add($"  pod caught on each of its creators, seconds after its first engagement there: {string.Join(" ", detection)}");
        lines.Add($"  pod misses: {string.Join(", ", PodMisses.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}");
        lines.Add($"  viral surges {Log.Surges.Count}; alerts made by genuine engagement {GenuineAlerts().Count}, on a viral surge {GenuineAlerts(onSurges: true).Count}");
        return string.Join(Environment.NewLine, lines);
    }

    private void ScorePodFirsts(AudienceEvent e, bool flagged, long decidedAt)
    {
        var post = e.CreatorId + "/" + e.ContentId;
        var first = !_podFirstPost.TryGetValue(e.UserId, out var firstPost);
        if (first)
        {
            _podFirstPost[e.UserId] = firstPost = post;
            PodFirstLike = (PodFirstLike.All + 1, PodFirstLike.Flagged + (flagged ? 1 : 0));
        }

        var creator = (e.CampaignId, e.CreatorId);
        if (!PodDetection.TryGetValue(creator, out var detection))
        {
            PodDetection[creator] = detection = (e.Ts, null);
        }

        if (flagged && (detection.FirstFlaggedMs is null || decidedAt < detection.FirstFlaggedMs))
        {
            PodDetection[creator] = (detection.FirstMs, decidedAt);
        }

        if (firstPost == post)
        {
            PodFirstPost = (PodFirstPost.All + 1, PodFirstPost.Flagged + (flagged ? 1 : 0));
        }

        if (!_podPosts.TryGetValue(e.UserId, out var posts))
        {
            _podPosts[e.UserId] = posts = [];
        }

        if (!posts.Contains(post))
        {
            posts.Add(post);
        }

        if (!flagged)
        {
            var kind = e is Engagement g ? g.Kind.ToString() : e.GetType().Name;
            var key = $"post {Math.Min(posts.IndexOf(post) + 1, 4)} {kind}";
            PodMisses[key] = PodMisses.GetValueOrDefault(key) + 1;
        }
    }

    private void Score(string? label, bool flagged)
    {
        if (label is null)
        {
            GenuineAll++;
            GenuineFlagged += flagged ? 1 : 0;
            return;
        }

        ByLabel.TryGetValue(label, out var v);
        ByLabel[label] = (v.All + 1, v.Flagged + (flagged ? 1 : 0));
    }
}
