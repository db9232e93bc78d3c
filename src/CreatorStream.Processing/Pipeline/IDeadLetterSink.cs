using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Pipeline;

/// <summary>
/// Where rejected records go (<c>creatorstream.dead-letters</c> live). A batch's offsets are committed only after
/// this completes, so a dead letter that cannot be written is retried, never lost.
/// </summary>
public interface IDeadLetterSink
{
    Task PublishAsync(IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken);
}
