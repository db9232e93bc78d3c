using CreatorStream.Core.Configuration;

namespace CreatorStream.Simulation;

/// <summary>
/// Everything fixed for a seed before any traffic flows: the campaign configuration, the creators' traits, the
/// pods and the population. Built once per generator and read-only afterwards, so enumerations can share it.
/// </summary>
internal sealed class SimulationWorld
{
    public required CampaignCatalogDocument Document { get; init; }

    public required IReadOnlyList<CampaignProfile> Campaigns { get; init; }

    public required IReadOnlyList<CreatorProfile> Creators { get; init; }

    public required IReadOnlyList<Pod> Pods { get; init; }

    public required Audience Audience { get; init; }

    /// <summary>The pod a creator belongs to, if any (reference keys: profiles are unique objects).</summary>
    public required IReadOnlyDictionary<CreatorProfile, Pod> PodOf { get; init; }
}
