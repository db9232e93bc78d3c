namespace CreatorStream.Core.Attribution;

/// <summary>
/// The post a touchpoint is of, and the country its audience event came from (null when it carried none, or for a
/// touchpoint restored from a snapshot older than format 9). Journeys share one instance per post and country
/// (<see cref="Conversions.ConversionAttributor"/> pools them), and a touch holds it through the one
/// <see cref="TouchSource"/> of its post, kind, platform and event-id shape, so a touch kept for the lookback holds one
/// reference for its four ids, its kind, its platform and its id's shape. The country does not change how a journey is read (runs merge by campaign and creator, credit is
/// keyed by the ids): it only says where the credit a post earned came from, for the format advice by country
/// (docs/design.md, "Recommendations"). Immutable; thread-safe.
/// </summary>
public sealed record TouchedPost(string CampaignId, string CreatorId, string ContentId, string? Country = null);
