using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Pipeline;

/// <summary>Where closed one-minute windows and their corrections go (<c>creatorstream.metrics</c> live).</summary>
public interface IWindowSink
{
    /// <param name="windows">The windows a batch closed or corrected.</param>
    /// <param name="version">The batch's <see cref="BatchResult.OutputVersion"/>, which each window carries.</param>
    /// <param name="cancellationToken">Stops waiting for the writes.</param>
    Task PublishAsync(IReadOnlyList<ClosedWindow> windows, long version, CancellationToken cancellationToken);
}
