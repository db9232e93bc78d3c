using CreatorStream.Core.Alerts;
using CreatorStream.Core.Events;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// Judges whether audience events are authentic (docs/design.md, "Authenticity"). It sees every impression, engagement and click
/// in processing order (so it can learn who was shown what, who shares a device, how regular a user is) and returns a
/// verdict for each; only engagements' verdicts change the numbers (<c>authentic_engagements</c>). Deterministic for a
/// given input order. Mutable; not thread-safe: one per processor.
/// </summary>
public interface IEngagementClassifier
{
    /// <summary>Observes and judges one event at once (<see cref="Observe"/>, then <see cref="Judge(AudienceEvent)"/>): for callers without a judge lag.</summary>
    AuthenticityVerdict Classify(AudienceEvent e);

    /// <summary>
    /// Learns an event as event time passes it, in (ts, id) order (who was shown what, who engaged a post when, with what
    /// words), before any verdict on it: the dataflow judges it a lag later, so its verdict can see the events around it.
    /// Keeps what it needs of <paramref name="e"/>, never <paramref name="e"/> itself: a decoded event is filled with
    /// another record once observed or judged (<see cref="Events.DecodedEvents.Release"/>).
    /// </summary>
    void Observe(AudienceEvent e)
    {
    }

    /// <summary>
    /// A hint that <see cref="Observe"/> will soon be called with <paramref name="e"/>: a classifier may start loading what
    /// that will read (docs/design.md, "Per-event cost"). It must change nothing: a hint for an event observed later, or
    /// never, costs time only.
    /// </summary>
    void Prefetch(AudienceEvent e)
    {
    }

    /// <summary>
    /// The verdict on an event already observed, in (ts, id) order, once every event within the judge lag after it is
    /// observed too. The dataflow judges engagements and clicks only: an impression is observed, and its verdict would
    /// count for nothing, so a classifier must not depend on being asked about one.
    /// </summary>
    AuthenticityVerdict Judge(AudienceEvent e) => Judge(e, null);

    /// <summary>
    /// <see cref="Judge(AudienceEvent)"/>, adding to <paramref name="revised"/> the engagements judged authentic before
    /// that this verdict's findings show to be inauthentic (a group found now that its earlier members were part of).
    /// </summary>
    AuthenticityVerdict Judge(AudienceEvent e, List<RevisedEngagement>? revised) => AuthenticityVerdict.Clean;

    /// <summary>
    /// <see cref="Judge(AudienceEvent, List{RevisedEngagement})"/> of an engagement whose comment's traits (sentiment,
    /// quality, brand mention: <see cref="Content.CommentTraits"/>) the caller counted: a classifier that can revise the
    /// engagement later gives them back with it, so the revision takes back exactly what was counted.
    /// </summary>
    AuthenticityVerdict Judge(AudienceEvent e, List<RevisedEngagement>? revised, byte commentTraits) => Judge(e, revised);

    /// <summary>
    /// Called as the watermark moves (wall-clock time for <see cref="Alert.DetectedAtMs"/>): adds alerts for incidents of
    /// inauthentic engagement to <paramref name="alerts"/> (one per incident, re-sent with the same id as it grows).
    /// </summary>
    void ReportIncidents(long watermark, long wallClockMs, List<Alert> alerts);

    /// <summary>Called after <see cref="ReportIncidents"/> and after reading <see cref="FlaggedAccounts(IReadOnlyCollection{State.FlagScope}, int)"/>: lets bounded state expire behind the watermark.</summary>
    void Expire(long watermark);

    /// <summary>The most suspicious accounts of a campaign (optionally of one creator or post), with their reasons: why, before acting.</summary>
    IReadOnlyList<FlaggedAccount> FlaggedAccounts(string campaignId, string? creatorId, string? contentId, int limit);

    /// <summary>
    /// <see cref="FlaggedAccounts(string, string?, string?, int)"/> for many scopes at once, each answered as that call
    /// would answer it (scopes with no flagged account are left out): one walk over the users instead of one per scope.
    /// </summary>
    IReadOnlyDictionary<State.FlagScope, IReadOnlyList<FlaggedAccount>> FlaggedAccounts(IReadOnlyCollection<State.FlagScope> scopes, int limit);
}
