using System.Globalization;
using System.Text;
using CreatorStream.Core.Alerts;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Testing.Adversaries;

/// <summary>
/// One adversarial scenario through the whole dataflow on one thread (<see cref="StreamProcessor"/>, as replay runs it:
/// the classifier judges each event once event time has passed it), every verdict recorded, then scored against the
/// scenario's ground truth: recall of each fake family, false-positive rate of each genuine one, precision, how soon
/// each planted instance was first flagged, and the alerts (no <c>engagement_spike</c> may be mostly fake).
/// </summary>
public sealed class AdversaryRun
{
    private readonly Dictionary<string, AuthenticityVerdict> _verdicts = new(StringComparer.Ordinal);

    // When each flag was decided, in event time: an event's own verdict a judge lag after it, a revision when the
    // judgement that found its group was made.
    private readonly Dictionary<string, long> _flaggedAt = new(StringComparer.Ordinal);

    private AdversaryRun(IReadOnlyList<LabelledEvent> events) => Events = events;

    public IReadOnlyList<LabelledEvent> Events { get; }

    public List<Alert> Alerts { get; } = [];

    /// <summary>Engagements and clicks of a family (impressions are never judged inauthentic), and how many were flagged.</summary>
    public Dictionary<AdversaryFamily, (int All, int Flagged)> ByFamily { get; } = [];

    public static AdversaryRun Run(int seed, AuthenticityOptions? authenticity = null, AdversaryOptions? options = null)
    {
        var generator = new AdversaryGenerator(seed, options);
        return Of(generator.Generate(), generator.Campaigns, authenticity);
    }

    /// <summary>Runs labelled events (in event-time order) through the dataflow on one thread and scores them.</summary>
    public static AdversaryRun Of(IReadOnlyList<LabelledEvent> events, CampaignCatalogDocument campaigns, AuthenticityOptions? authenticity = null)
    {
        var run = new AdversaryRun(events);
        var processorOptions = ProcessorOptions.Default with { IdleTimeout = null, Authenticity = authenticity ?? AuthenticityOptions.Default };
        var classifier = new Recording(new AuthenticityClassifier(processorOptions.Authenticity), run._verdicts, run._flaggedAt, processorOptions.Authenticity.JudgeLagMs);
        var processor = new StreamProcessor(CampaignCatalog.From(campaigns), processorOptions, classifier, new EventDecoder());
        var source = new SourcePartition("adversaries", 0);
        var offset = 0L;
        foreach (var chunk in events.Chunk(2_000))
        {
            var records = chunk.Select(e => new InboundRecord(source, offset++, e.Event.Type, ReadOnlyMemory<byte>.Empty, EventWriter.ToUtf8(e.Event, includeType: false))).ToList();
            run.Alerts.AddRange(processor.Process(new RecordBatch(records, 0)).Alerts);
        }

        run.Alerts.AddRange(processor.Flush(0).Alerts);
        run.Score();
        return run;
    }

    /// <summary>For each family, how many flagged events each combination of reasons explains ("burst+not_shown"), most first.</summary>
    public Dictionary<AdversaryFamily, List<(string Reasons, int Count)>> FlaggedReasons() =>
        Judged().Where(e => Flagged(e.Event)).GroupBy(e => e.Family).ToDictionary(
            g => g.Key,
            g => g.GroupBy(e => string.Join("+", _verdicts[e.Event.EventId].Reasons)).Select(r => (r.Key, r.Count())).OrderByDescending(r => r.Item2).ToList());

    /// <summary>The recorded verdict on an event (null for one never judged, such as an impression).</summary>
    public AuthenticityVerdict? VerdictOf(AudienceEvent e) => _verdicts.GetValueOrDefault(e.EventId);

    public bool Flagged(AudienceEvent e) => _verdicts.TryGetValue(e.EventId, out var verdict) && !verdict.IsAuthentic;

    public double Recall(AdversaryFamily family) => ByFamily.TryGetValue(family, out var f) && f.All > 0 ? (double)f.Flagged / f.All : double.NaN;

    /// <summary>
    /// Of the events flagged on the posts where <paramref name="family"/> was planted, while it was (from its first event
    /// there to half an hour after its last), the share that were fake: what a campaign manager reading that incident
    /// would find to be right.
    /// </summary>
    public double PrecisionOn(AdversaryFamily family)
    {
        var spans = Judged().Where(e => e.Family == family).GroupBy(e => e.Event.ContentId)
            .ToDictionary(g => g.Key, g => (From: g.Min(e => e.Event.Ts), To: g.Max(e => e.Event.Ts) + 1_800_000), StringComparer.Ordinal);
        var flagged = Judged().Where(e => Flagged(e.Event) && spans.TryGetValue(e.Event.ContentId, out var span) && e.Event.Ts >= span.From && e.Event.Ts <= span.To).ToList();
        return flagged.Count == 0 ? double.NaN : (double)flagged.Count(e => e.IsFake) / flagged.Count;
    }

    /// <summary>Genuine events flagged, over all genuine events (background and hard negatives).</summary>
    public double GenuineFpr
    {
        get
        {
            var genuine = ByFamily.Where(f => !AdversaryFamilies.IsFake(f.Key)).Select(f => f.Value).ToList();
            return (double)genuine.Sum(g => g.Flagged) / Math.Max(1, genuine.Sum(g => g.All));
        }
    }

    public double Precision
    {
        get
        {
            var fake = ByFamily.Where(f => AdversaryFamilies.IsFake(f.Key)).Sum(f => f.Value.Flagged);
            var genuine = ByFamily.Where(f => !AdversaryFamilies.IsFake(f.Key)).Sum(f => f.Value.Flagged);
            return (double)fake / Math.Max(1, fake + genuine);
        }
    }

    /// <summary>
    /// For each planted instance of a fake family on a post, seconds of event time from its first engagement there to the
    /// first decision that flagged one of its engagements (an event's own verdict, or a revision); null when none was.
    /// </summary>
    public IEnumerable<(AdversaryFamily Family, string Post, double? Seconds)> TimeToFirstFlag() =>
        Judged().Where(e => e.IsFake)
            .GroupBy(e => (e.Family, e.Event.ContentId))
            .Select(g =>
            {
                var first = g.Min(e => e.Event.Ts);
                var flagged = g.Select(e => _flaggedAt.TryGetValue(e.Event.EventId, out var at) ? at : (long?)null).Min();
                return (g.Key.Family, g.Key.ContentId, flagged is { } f ? (f - first) / 1000.0 : (double?)null);
            });

    /// <summary>
    /// The last send of each <c>engagement_spike</c> alert, unless it was retracted, whose window holds as many fake
    /// engagements as genuine ones, or more, on its post (or on its creator's posts, for a creator alert): a bought or
    /// pod burst announced as success and left standing.
    /// </summary>
    public List<(Alert Alert, double FakeShare)> FakeSpikes()
    {
        var found = new List<(Alert, double)>();
        foreach (var alert in Alerts.Where(a => a.Kind == AlertKinds.EngagementSpike).GroupBy(a => a.AlertId).Select(g => g.Last())
            .Where(a => a.Details["retracted"] is null))
        {
            var inWindow = Judged().Where(e => e.Event is Engagement && e.Event.CreatorId == alert.CreatorId
                && (alert.ContentId is null || e.Event.ContentId == alert.ContentId)
                && e.Event.Ts >= alert.WindowStart && e.Event.Ts < alert.WindowEnd).ToList();
            var share = (double)inWindow.Count(e => e.IsFake) / Math.Max(1, inWindow.Count);
            if (share >= 0.5)
            {
                found.Add((alert, share));
            }
        }

        return found;
    }

    /// <summary>The reasons the incident alerts over an instance of <paramref name="family"/> name (last send of each).</summary>
    public IReadOnlyList<IReadOnlyList<string>> IncidentReasons(AdversaryFamily family)
    {
        var posts = Judged().Where(e => e.Family == family).Select(e => e.Event.ContentId).ToHashSet(StringComparer.Ordinal);
        return [.. Alerts.Where(a => a.Kind == AlertKinds.InauthenticEngagement && posts.Contains(a.ContentId ?? ""))
            .GroupBy(a => a.AlertId).Select(g => g.Last())
            .Select(a => (IReadOnlyList<string>)[.. a.Details["top_reasons"]!.AsArray().Select(r => r!.GetValue<string>())])];
    }

    public string Table(string title)
    {
        var text = new StringBuilder().AppendLine(title);
        foreach (var (family, (all, flagged)) in ByFamily.OrderBy(f => f.Key))
        {
            var kind = AdversaryFamilies.IsFake(family) ? "recall" : "FPR";
            text.AppendLine(CultureInfo.InvariantCulture, $"  {family,-13} {all,7} events {flagged,7} flagged  {kind} {(double)flagged / Math.Max(1, all):P1}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  genuine FPR {GenuineFpr:P2}, precision {Precision:P2}; {Alerts.Count(a => a.Kind == AlertKinds.EngagementSpike)} spike sends, {FakeSpikes().Count} mostly fake");
        return text.ToString();
    }

    private IEnumerable<LabelledEvent> Judged() => Events.Where(e => e.Event is not Impression);

    private void Score()
    {
        foreach (var e in Judged())
        {
            ByFamily.TryGetValue(e.Family, out var f);
            ByFamily[e.Family] = (f.All + 1, f.Flagged + (Flagged(e.Event) ? 1 : 0));
        }
    }

    /// <summary>The classifier, with every verdict and revision written down by event id.</summary>
    private sealed class Recording(AuthenticityClassifier inner, Dictionary<string, AuthenticityVerdict> verdicts, Dictionary<string, long> flaggedAt, long judgeLagMs)
        : IEngagementClassifier
    {
        public AuthenticityVerdict Classify(AudienceEvent e)
        {
            Observe(e);
            return Judge(e, null);
        }

        public void Observe(AudienceEvent e) => inner.Observe(e);

        public AuthenticityVerdict Judge(AudienceEvent e, List<RevisedEngagement>? revised)
        {
            var before = revised?.Count ?? 0;
            var verdict = inner.Judge(e, revised);
            verdicts[e.EventId] = verdict;
            if (!verdict.IsAuthentic)
            {
                flaggedAt[e.EventId] = e.Ts + judgeLagMs;
            }

            for (var i = before; i < (revised?.Count ?? 0); i++)
            {
                var r = revised![i];
                verdicts[r.EventId] = new AuthenticityVerdict(false, 1, [r.Reason]);
                flaggedAt[r.EventId] = e.Ts + judgeLagMs;
            }

            return verdict;
        }

        public void ReportIncidents(long watermark, long wallClockMs, List<Alert> alerts) => inner.ReportIncidents(watermark, wallClockMs, alerts);

        public void Expire(long watermark) => inner.Expire(watermark);

        public IReadOnlyList<FlaggedAccount> FlaggedAccounts(string campaignId, string? creatorId, string? contentId, int limit) =>
            inner.FlaggedAccounts(campaignId, creatorId, contentId, limit);

        public IReadOnlyDictionary<FlagScope, IReadOnlyList<FlaggedAccount>> FlaggedAccounts(IReadOnlyCollection<FlagScope> scopes, int limit) =>
            inner.FlaggedAccounts(scopes, limit);
    }
}
