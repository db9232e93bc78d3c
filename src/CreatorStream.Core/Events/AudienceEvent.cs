namespace CreatorStream.Core.Events;

/// <summary>The fields that impressions, engagements and clicks share: who saw or did what, on whose post.</summary>
public abstract record AudienceEvent : StreamEvent
{
    // Not readonly, as in StreamEvent: a decoded audience event is filled again from its pool (AudienceEventPool, Reset).
    private string _campaignId = null!;
    private string _creatorId = null!;
    private string _contentId = null!;
    private Platform _platform;
    private ulong _ipKey;
    private ulong _deviceKey;
    private ulong _userAgentKey;
    private string? _country;
    private ulong _postKey;

    protected AudienceEvent()
    {
    }

    /// <summary>
    /// The pool that lent this event out to a decoder that recycles, if any (<see cref="AudienceEventPool{T}"/>); not
    /// part of its equality. A field, so that the pool flips <see cref="PoolTag.Lent"/> in place.
    /// </summary>
    internal PoolTag Pooling;

    /// <summary>
    /// Sets every field of a decoded audience event (the decoder builds each this way, on an empty event or on one taken
    /// from a pool). Its identifier text is what the decoder kept: none, unless it keeps text (the collector's).
    /// </summary>
    private protected void Reset(in AudienceFields f)
    {
        Reset(f.EventId, f.UserId, f.UserKey, f.Ts);
        _campaignId = f.CampaignId;
        _creatorId = f.CreatorId;
        _contentId = f.ContentId;
        _postKey = PostKeyOf(f.CampaignId, f.CreatorId, f.ContentId);
        _platform = f.Platform;
        _ipHash = f.IpHash;
        _deviceId = f.DeviceId;
        _userAgentHash = f.UserAgentHash;
        _ipKey = f.IpKey;
        _deviceKey = f.DeviceKey;
        _userAgentKey = f.UserAgentKey;
        _country = f.Country;
    }

    public required string CampaignId
    {
        get => _campaignId;
        init
        {
            _campaignId = value;
            _postKey = PostKeyOf(_campaignId, _creatorId, _contentId);
        }
    }

    public required string CreatorId
    {
        get => _creatorId;
        init
        {
            _creatorId = value;
            _postKey = PostKeyOf(_campaignId, _creatorId, _contentId);
        }
    }

    public required Platform Platform
    {
        get => _platform;
        init => _platform = value;
    }

    public required string ContentId
    {
        get => _contentId;
        init
        {
            _contentId = value;
            _postKey = PostKeyOf(_campaignId, _creatorId, _contentId);
        }
    }

    // ip_hash, device_id and user_agent_hash are compared, never shown or summed: an event keeps each as its 64-bit key
    // (IdentifierKey), and its text only when it was made in code with one (the generator, the collector), so that what
    // it writes as JSON (Decoding.EventWriter) carries the field. A decoded event keeps the key alone: three strings an
    // event that were made only to be hashed (docs/design.md, "Per-event cost").
    private string? _ipHash;
    private string? _deviceId;
    private string? _userAgentHash;

    /// <summary>ip_hash as given to an event made in code; null on a decoded event, which keeps <see cref="IpKey"/> alone.</summary>
    public string? IpHash
    {
        get => _ipHash;
        init
        {
            _ipHash = value;
            _ipKey = IdentifierKey.Of(value);
        }
    }

    /// <summary>device_id as given to an event made in code; null on a decoded event, which keeps <see cref="DeviceKey"/> alone.</summary>
    public string? DeviceId
    {
        get => _deviceId;
        init
        {
            _deviceId = value;
            _deviceKey = IdentifierKey.Of(value);
        }
    }

    /// <summary>user_agent_hash as given to an event made in code; null on a decoded event, which keeps <see cref="UserAgentKey"/> alone.</summary>
    public string? UserAgentHash
    {
        get => _userAgentHash;
        init
        {
            _userAgentHash = value;
            _userAgentKey = IdentifierKey.Of(value);
        }
    }

    /// <summary>The key of ip_hash (<see cref="IdentifierKey"/>; <see cref="IdentifierKey.None"/> when the event has none).</summary>
    public ulong IpKey
    {
        get => _ipKey;
        init => _ipKey = value;
    }

    /// <summary>The key of device_id (<see cref="IdentifierKey"/>; <see cref="IdentifierKey.None"/> when the event has none).</summary>
    public ulong DeviceKey
    {
        get => _deviceKey;
        init => _deviceKey = value;
    }

    /// <summary>The key of user_agent_hash (<see cref="IdentifierKey"/>; <see cref="IdentifierKey.None"/> when the event has none).</summary>
    public ulong UserAgentKey
    {
        get => _userAgentKey;
        init => _userAgentKey = value;
    }

    public string? Country
    {
        get => _country;
        init => _country = value;
    }

    /// <summary>
    /// The post's key in the authenticity classifier's tables (<see cref="Authenticity.KeyHash.Post"/> of campaign,
    /// creator and content), made once with the event, when the last of the three is set, instead of from three strings at
    /// each of the classifier's calls (docs/design.md, "Per-event cost").
    /// </summary>
    internal ulong PostKey => _postKey;

    private static ulong PostKeyOf(string? campaignId, string? creatorId, string? contentId) =>
        campaignId is null || creatorId is null || contentId is null ? 0 : Authenticity.KeyHash.Post(campaignId, creatorId, contentId);
}
