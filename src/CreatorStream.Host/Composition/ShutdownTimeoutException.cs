namespace CreatorStream.Host.Composition;

/// <summary>
/// A stop that could not finish the batches in flight within its bound (the state store unreachable, usually). Nothing
/// is lost: their records were never committed, so a worker re-reads them from the store's offsets on restart.
/// </summary>
public sealed class ShutdownTimeoutException(string message) : Exception(message);
