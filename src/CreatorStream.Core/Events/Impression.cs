using System.Diagnostics.CodeAnalysis;

namespace CreatorStream.Core.Events;

/// <summary>A user was shown a post (topic <c>creatorstream.impressions</c>).</summary>
public sealed record Impression : AudienceEvent
{
    public Impression()
    {
    }

    /// <summary>An event with its ids as keys, for the decoder (<see cref="StreamEvent(EventIdKey, EventIdKey, ulong)"/>).</summary>
#pragma warning disable CS8618 // the decoder's initializer sets the other members
    [SetsRequiredMembers]
    internal Impression(EventIdKey eventId, EventIdKey userId, ulong userKey)
        : base(eventId, userId, userKey)
    {
    }
#pragma warning restore CS8618

    public required ContentFormat ContentFormat { get; init; }

    public override EventType Type => EventType.Impression;
}
