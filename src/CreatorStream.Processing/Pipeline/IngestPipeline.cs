using System.Reactive.Linq;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Pipeline;

/// <summary>
/// The Rx pipeline from micro-batches of raw records to committed state, shared by the live worker and replay:
/// <c>batches.Process(processor).Commit(committer)</c>. Batches are processed strictly in order, one at a
/// time (<see cref="Observable.Concat{TSource}(IObservable{IObservable{TSource}})"/>), because the processor is
/// single-threaded and offsets must be committed in order.
/// </summary>
public static class IngestPipeline
{
    /// <summary>Processes each batch on the thread that delivers it.</summary>
    public static IObservable<BatchResult> Process(this IObservable<RecordBatch> batches, StreamProcessor processor) =>
        batches.Select(processor.Process);

    /// <summary>Commits each result before the next is processed; emits it once durable.</summary>
    public static IObservable<BatchResult> Commit(this IObservable<BatchResult> results, BatchCommitter committer) =>
        results
            .Select(result => Observable.FromAsync(cancellationToken => committer.CommitAsync(result, cancellationToken)).Select(_ => result))
            .Concat();
}
