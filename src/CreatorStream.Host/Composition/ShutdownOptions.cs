namespace CreatorStream.Host.Composition;

/// <summary>How long a stop may take (the worker's drain of its batches in flight). Immutable.</summary>
/// <param name="Timeout">Longest wait for the batches in flight to commit. Default 30 s.</param>
public sealed record ShutdownOptions(TimeSpan Timeout)
{
    public static ShutdownOptions Default { get; } = new(TimeSpan.FromSeconds(30));
}
