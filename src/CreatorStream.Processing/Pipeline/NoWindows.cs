using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Pipeline;

/// <summary>A window sink for stages that close no windows (the source stage): anything given is a bug, so it throws.</summary>
public sealed class NoWindows : IWindowSink
{
    public static NoWindows Instance { get; } = new();

    public Task PublishAsync(IReadOnlyList<ClosedWindow> windows, long version, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"{windows.Count} closed windows given to a stage that closes none");
}
