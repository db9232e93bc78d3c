using CreatorStream.Core.Events;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// An engagement the classifier judged authentic, kept with its account for a while so that a group found later can
/// revise it (docs/design.md, "Authenticity", revisions): which event, on which post and platform, when, what kind.
/// Immutable.
/// </summary>
internal readonly record struct JudgedEngagement(EventIdKey EventId, ulong Post, long Ts, EngagementKind Kind, Platform Platform);
