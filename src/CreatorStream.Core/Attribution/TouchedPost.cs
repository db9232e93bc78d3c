namespace CreatorStream.Core.Attribution;

/// <summary>
/// The post a touchpoint is of. Journeys share one instance per post (<see cref="Conversions.ConversionAttributor"/>
/// pools them), so a touch kept for the lookback holds one reference instead of three. Immutable; thread-safe.
/// </summary>
public sealed record TouchedPost(string CampaignId, string CreatorId, string ContentId);
