using CreatorStream.Core.Events;

namespace CreatorStream.Core.Authenticity;

/// <summary>
/// An engagement the classifier judged authentic, kept with its account for a while so that a group found later can
/// revise it (docs/design.md, "Authenticity", revisions): which event, on which post and platform, when, what kind, and
/// a comment's traits as they were counted (<see cref="Content.CommentTraits"/>; in the struct's padding). Immutable.
/// </summary>
internal readonly record struct JudgedEngagement(EventIdKey EventId, ulong Post, long Ts, EngagementKind Kind, Platform Platform, byte CommentTraits = 0);
