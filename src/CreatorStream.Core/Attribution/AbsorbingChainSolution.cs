namespace CreatorStream.Core.Attribution;

/// <summary>What <see cref="MarkovChain"/> caches between changes. Immutable; thread-safe.</summary>
internal sealed record AbsorbingChainSolution(double ConversionProbability, IReadOnlyDictionary<string, double> RemovalEffects);
