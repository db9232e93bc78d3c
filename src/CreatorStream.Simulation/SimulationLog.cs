namespace CreatorStream.Simulation;

/// <summary>What one enumeration of the generator planted besides labelled records (today: viral surges). Filled as records are produced; not thread-safe.</summary>
public sealed class SimulationLog
{
    private readonly List<PlantedSurge> _surges = [];

    public IReadOnlyList<PlantedSurge> Surges => _surges;

    internal void Add(PlantedSurge surge) => _surges.Add(surge);
}
