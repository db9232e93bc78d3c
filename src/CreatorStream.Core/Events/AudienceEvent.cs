namespace CreatorStream.Core.Events;

/// <summary>The fields that impressions, engagements and clicks share: who saw or did what, on whose post.</summary>
public abstract record AudienceEvent : StreamEvent
{
    public required string CampaignId { get; init; }
    public required string CreatorId { get; init; }
    public required Platform Platform { get; init; }
    public required string ContentId { get; init; }
    public string? IpHash { get; init; }
    public string? DeviceId { get; init; }
    public string? UserAgentHash { get; init; }
    public string? Country { get; init; }
}
