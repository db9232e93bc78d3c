using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Pipeline;

/// <summary>Where closed one-minute windows and their corrections go (<c>creatorstream.metrics</c> live).</summary>
public interface IWindowSink
{
    Task PublishAsync(IReadOnlyList<ClosedWindow> windows, CancellationToken cancellationToken);
}
