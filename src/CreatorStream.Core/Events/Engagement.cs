using System.Diagnostics.CodeAnalysis;

namespace CreatorStream.Core.Events;

/// <summary>A user liked, commented on, shared or saved a post (topic <c>creatorstream.engagements</c>).</summary>
public sealed record Engagement : AudienceEvent
{
    public Engagement()
    {
    }

    /// <summary>An event with the id <paramref name="eventId"/>, for the decoder (<see cref="StreamEvent(EventIdKey)"/>).</summary>
#pragma warning disable CS8618 // the decoder's initializer sets the other members
    [SetsRequiredMembers]
    internal Engagement(EventIdKey eventId)
        : base(eventId)
    {
    }
#pragma warning restore CS8618

    public required EngagementKind Kind { get; init; }
    public string? CommentText { get; init; }
    public int? AccountAgeDays { get; init; }

    public override EventType Type => EventType.Engagement;
}
