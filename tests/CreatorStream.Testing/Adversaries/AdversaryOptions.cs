namespace CreatorStream.Testing.Adversaries;

/// <summary>Size and content of an adversarial scenario. Immutable.</summary>
public sealed record AdversaryOptions
{
    /// <summary>Event time of the scenario's start. Default 2026-01-01 UTC.</summary>
    public long StartMs { get; init; } = 1_767_225_600_000;

    /// <summary>Length of the run in hours of event time. Default 6.</summary>
    public int Hours { get; init; } = 6;

    public int Creators { get; init; } = 6;

    /// <summary>The genuine audience; each creator's followers are drawn from it (so followers overlap). Default 4,000.</summary>
    public int Users { get; init; } = 4_000;

    public int FollowersPerCreator { get; init; } = 700;

    /// <summary>Families planted (default all); leave one out to see how a classifier does on what it never met.</summary>
    public IReadOnlyList<AdversaryFamily> Families { get; init; } = [.. AdversaryFamilies.Fakes, .. AdversaryFamilies.HardNegatives];

    /// <summary>Instances of each family (a giveaway and a live stream are planted once). Default 2.</summary>
    public int InstancesPerFamily { get; init; } = 2;
}
