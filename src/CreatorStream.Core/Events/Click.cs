using System.Diagnostics.CodeAnalysis;

namespace CreatorStream.Core.Events;

/// <summary>A user followed a tracked link from a post (topic <c>creatorstream.clicks</c>).</summary>
public sealed record Click : AudienceEvent
{
    public Click()
    {
    }

    /// <summary>An event with its ids as keys, for the decoder (<see cref="StreamEvent(EventIdKey, EventIdKey, ulong)"/>).</summary>
#pragma warning disable CS8618 // the decoder's initializer sets the other members
    [SetsRequiredMembers]
    internal Click(EventIdKey eventId, EventIdKey userId, ulong userKey)
        : base(eventId, userId, userKey)
    {
    }
#pragma warning restore CS8618

    public required string LinkId { get; init; }
    public string? UtmSource { get; init; }
    public string? UtmMedium { get; init; }
    public string? UtmCampaign { get; init; }
    public string? UtmContent { get; init; }
    public string? AffiliateId { get; init; }
    public long? DwellMs { get; init; }
    public int? Pages { get; init; }

    public override EventType Type => EventType.Click;
}
