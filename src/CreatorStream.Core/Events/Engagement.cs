namespace CreatorStream.Core.Events;

/// <summary>A user liked, commented on, shared or saved a post (topic <c>creatorstream.engagements</c>).</summary>
public sealed record Engagement : AudienceEvent
{
    public required EngagementKind Kind { get; init; }
    public string? CommentText { get; init; }
    public int? AccountAgeDays { get; init; }

    public override EventType Type => EventType.Engagement;
}
