using CreatorStream.Core.Events;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// An engagement judged authentic earlier and found inauthentic now, when the group it belonged to showed itself (a ring's
/// third post, a pod's next wave, the rest of a bought batch): the dataflow moves it out of the authentic figures of its
/// campaign, creator and post, to date and in its minute (docs/design.md, "Authenticity", revisions). Immutable.
/// </summary>
public readonly record struct RevisedEngagement(
    string EventId, string CampaignId, string CreatorId, string ContentId, Platform Platform, long Ts, EngagementKind Kind, string Reason, byte CommentTraits = 0);
