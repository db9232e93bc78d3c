namespace CreatorStream.Core.Events;

/// <summary>A user followed a tracked link from a post (topic <c>creatorstream.clicks</c>).</summary>
public sealed record Click : AudienceEvent
{
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
