namespace CreatorStream.Core.Events;

/// <summary>
/// The fields every decoded audience event has, as the decoder read them: what a pooled event is filled with
/// (<see cref="AudienceEvent"/>'s <c>Reset</c>). A decoded event keeps no identifier text, only the keys.
/// </summary>
internal readonly record struct AudienceFields(
    EventIdKey EventId,
    EventIdKey UserId,
    ulong UserKey,
    long Ts,
    string CampaignId,
    string CreatorId,
    Platform Platform,
    string ContentId,
    ulong IpKey,
    ulong DeviceKey,
    ulong UserAgentKey,
    string? Country);
