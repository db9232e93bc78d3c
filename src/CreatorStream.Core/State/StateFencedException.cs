namespace CreatorStream.Core.State;

/// <summary>
/// A commit was refused because the store's offsets for a partition are not what the committing worker last saw:
/// another worker has committed that partition since (a rebalance the worker has not noticed, or a zombie). Nothing
/// of the batch was applied; the worker must drop its state and rebuild from the store's checkpoint.
/// </summary>
public sealed class StateFencedException(string message) : Exception(message);
