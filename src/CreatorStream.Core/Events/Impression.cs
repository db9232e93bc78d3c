namespace CreatorStream.Core.Events;

/// <summary>A user was shown a post (topic <c>creatorstream.impressions</c>).</summary>
public sealed record Impression : AudienceEvent
{
    public required ContentFormat ContentFormat { get; init; }

    public override EventType Type => EventType.Impression;
}
