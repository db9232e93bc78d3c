namespace CreatorStream.Simulation;

/// <summary>An engagement pod: real, established accounts that engage with every new post of a few creators together.</summary>
internal sealed class Pod(IReadOnlyList<AudienceMember> members, IReadOnlyList<CreatorProfile> creators)
{
    public IReadOnlyList<AudienceMember> Members { get; } = members;

    public IReadOnlyList<CreatorProfile> Creators { get; } = creators;
}
