namespace CreatorStream.Core.Events;

/// <summary>
/// The fields every decoded audience event has, as the decoder read them: what it fills an event with
/// (<see cref="AudienceEvent"/>'s <c>Reset</c>). The identifiers' text is null unless the decoder keeps it
/// (<see cref="Decoding.EventDecoder.KeepsIdentifierText"/>); their keys are always there.
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
    string? IpHash,
    string? DeviceId,
    string? UserAgentHash,
    string? Country);
