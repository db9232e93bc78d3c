using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Tests.Authenticity;

/// <summary>
/// Runs a classifier as the dataflow does, for hand-built scenarios: events sorted by (ts, id), each observed as it
/// comes and judged once the newest event is the judge lag past it; a judgement's revisions overwrite earlier verdicts.
/// Final verdicts by event id. Mutable; one per scenario.
/// </summary>
internal sealed class LaggedJudge(AuthenticityOptions? options = null)
{
    private readonly AuthenticityOptions _options = options ?? AuthenticityOptions.Default;
    private readonly List<AudienceEvent> _events = [];

    public AuthenticityClassifier Classifier { get; } = new(options ?? AuthenticityOptions.Default);

    /// <summary>Final verdicts: flagged or not, with the reasons (a revision's is "revised:" and its reason).</summary>
    public Dictionary<string, (bool Flagged, string Reasons)> Verdicts { get; } = new(StringComparer.Ordinal);

    public List<RevisedEngagement> Revised { get; } = [];

    /// <summary>The comment traits each engagement was judged with (as the brand processor counts them; brand "acme").</summary>
    public Dictionary<string, byte> Traits { get; } = new(StringComparer.Ordinal);

    public void Add(params AudienceEvent[] events) => _events.AddRange(events);

    public LaggedJudge Run()
    {
        var ordered = _events.OrderBy(e => e.Ts).ThenBy(e => e.EventId, StringComparer.Ordinal).ToList();
        var judged = 0;
        var revised = new List<RevisedEngagement>();
        void JudgeNext()
        {
            var e = ordered[judged++];
            revised.Clear();
            var traits = e is Engagement { CommentText: { } text } ? Core.Content.CommentTraits.Of(text, ["acme"]) : (byte)0;
            Traits[e.EventId] = traits;
            var verdict = Classifier.Judge(e, revised, traits);
            if (e is not Impression)
            {
                Verdicts[e.EventId] = (!verdict.IsAuthentic, string.Join("+", verdict.Reasons));
            }

            foreach (var r in revised)
            {
                Verdicts[r.EventId] = (true, "revised:" + r.Reason);
                Revised.Add(r);
            }
        }

        foreach (var e in ordered)
        {
            Classifier.Observe(e);
            while (judged < ordered.Count && ordered[judged].Ts <= e.Ts - _options.JudgeLagMs)
            {
                JudgeNext();
            }
        }

        while (judged < ordered.Count)
        {
            JudgeNext();
        }

        return this;
    }

    public bool Flagged(AudienceEvent e) => Verdicts[e.EventId].Flagged;

    public string Reasons(AudienceEvent e) => Verdicts[e.EventId].Reasons;
}
