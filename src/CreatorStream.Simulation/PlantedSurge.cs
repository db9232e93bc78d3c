namespace CreatorStream.Simulation;

/// <summary>
/// A natural viral surge the generator planted: genuine users crowding one post from <see cref="StartMs"/> to
/// <see cref="EndMs"/> (event time). Ground truth for measuring spike alerts. Immutable.
/// </summary>
public sealed record PlantedSurge(string CampaignId, string CreatorId, string ContentId, long StartMs, long EndMs, double PeakSessionsPerSecond);
