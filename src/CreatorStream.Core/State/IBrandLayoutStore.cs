namespace CreatorStream.Core.State;

/// <summary>
/// A state store whose keys are placed by the brand layout (Redis: docs/design.md, "Shape"): a worker tells it the
/// number of brand partitions before its first commit. A store that wraps another passes it on.
/// </summary>
public interface IBrandLayoutStore
{
    /// <summary>Records the number of brand partitions the keys are placed by, or checks it against the one recorded.</summary>
    /// <exception cref="Configuration.ConfigurationException">The store holds state placed by a different count.</exception>
    Task UseLayoutAsync(int brandPartitions);
}
