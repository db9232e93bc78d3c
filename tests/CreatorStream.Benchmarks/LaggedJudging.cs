using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Events;

namespace CreatorStream.Benchmarks;

/// <summary>Runs a fresh classifier over events in time order as the dataflow does: each observed, and judged once the judge lag has passed it.</summary>
internal static class LaggedJudging
{
    /// <summary>The events judged inauthentic, plus the revisions made when <paramref name="revised"/> is given (revisions off without it).</summary>
    public static int Flagged(List<AudienceEvent> events, List<RevisedEngagement>? revised = null)
    {
        var options = new AuthenticityOptions();
        var classifier = new AuthenticityClassifier(options);
        var flagged = 0;
        var judged = 0;
        foreach (var e in events)
        {
            classifier.Observe(e);
            for (; events[judged].Ts <= e.Ts - options.JudgeLagMs; judged++)
            {
                flagged += classifier.Judge(events[judged], revised).IsAuthentic ? 0 : 1;
            }
        }

        for (; judged < events.Count; judged++)
        {
            flagged += classifier.Judge(events[judged], revised).IsAuthentic ? 0 : 1;
        }

        return flagged + (revised?.Count ?? 0);
    }
}
