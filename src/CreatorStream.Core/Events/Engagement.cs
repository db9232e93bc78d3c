using System.Diagnostics.CodeAnalysis;

namespace CreatorStream.Core.Events;

/// <summary>A user liked, commented on, shared or saved a post (topic <c>creatorstream.engagements</c>).</summary>
public sealed record Engagement : AudienceEvent
{
    public Engagement()
    {
    }

    /// <summary>An event with its ids as keys, for the decoder (<see cref="StreamEvent(EventIdKey, EventIdKey, ulong)"/>).</summary>
#pragma warning disable CS8618 // the decoder's initializer sets the other members
    [SetsRequiredMembers]
    internal Engagement(EventIdKey eventId, EventIdKey userId, ulong userKey)
        : base(eventId, userId, userKey)
    {
    }
#pragma warning restore CS8618

    public required EngagementKind Kind { get; init; }
    public string? CommentText { get; init; }
    public int? AccountAgeDays { get; init; }

    public override EventType Type => EventType.Engagement;
}
