namespace CreatorStream.Core.Events;

/// <summary>The fields that impressions, engagements and clicks share: who saw or did what, on whose post.</summary>
public abstract record AudienceEvent : StreamEvent
{
    private readonly string _campaignId = null!;
    private readonly string _creatorId = null!;
    private readonly string _contentId = null!;

    public required string CampaignId
    {
        get => _campaignId;
        init
        {
            _campaignId = value;
            PostKey = PostKeyOf(_campaignId, _creatorId, _contentId);
        }
    }

    public required string CreatorId
    {
        get => _creatorId;
        init
        {
            _creatorId = value;
            PostKey = PostKeyOf(_campaignId, _creatorId, _contentId);
        }
    }

    public required Platform Platform { get; init; }

    public required string ContentId
    {
        get => _contentId;
        init
        {
            _contentId = value;
            PostKey = PostKeyOf(_campaignId, _creatorId, _contentId);
        }
    }
    public string? IpHash { get; init; }
    public string? DeviceId { get; init; }
    public string? UserAgentHash { get; init; }
    public string? Country { get; init; }

    /// <summary>
    /// The post's key in the authenticity classifier's tables (<see cref="Authenticity.KeyHash.Post"/> of campaign,
    /// creator and content), made once with the event, when the last of the three is set, instead of from three strings at
    /// each of the classifier's calls (docs/design.md, "Per-event cost").
    /// </summary>
    internal ulong PostKey { get; private init; }

    private static ulong PostKeyOf(string? campaignId, string? creatorId, string? contentId) =>
        campaignId is null || creatorId is null || contentId is null ? 0 : Authenticity.KeyHash.Post(campaignId, creatorId, contentId);
}
