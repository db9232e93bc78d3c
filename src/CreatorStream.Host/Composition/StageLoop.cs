using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka.Consuming;

namespace CreatorStream.Host.Composition;

/// <summary>
/// One stage of the worker as an Rx query over its consumer's batches (docs/design.md, "Dataflow"):
/// <code>
/// consumer.Batches(stop)
///     .Select(process)                 // the stage's tasks, in parallel, on the consume thread's batch
///     .Select(deliver).Concat()        // outputs, then each task's state and offsets, atomically, in batch order
///     .Do(acknowledge)                 // only then may Kafka's group offsets move
/// </code>
/// <c>process</c> runs within the consumer's <c>OnNext</c> and must be done with the batch's list of records when it
/// returns: both stages' consumers refill one list for every batch (<c>IngestConsumerOptions.ReuseBatchList</c>).
/// Stopping (the token of <see cref="RunAsync"/>): no new batch; the batches in flight are delivered and acknowledged,
/// then the consumer closes. If that takes longer than the shutdown timeout, the loop gives up
/// (<see cref="ShutdownTimeoutException"/>): what was not committed is read again on restart.
/// </summary>
internal static class StageLoop
{
    public static async Task RunAsync<TWork>(
        IngestConsumer consumer,
        Func<RecordBatch, TWork> process,
        Func<TWork, CancellationToken, Task<IReadOnlyDictionary<SourcePartition, long>>> deliver,
        TimeSpan shutdownTimeout,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        // The hard stop: armed when a stop is asked, it cancels whatever still waits after the shutdown timeout.
        using var hardStop = new CancellationTokenSource();
        using var timer = clock.CreateTimer(_ => Cancel(hardStop), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        using var arm = cancellationToken.Register(() => timer.Change(shutdownTimeout, Timeout.InfiniteTimeSpan));
        try
        {
            await consumer.Batches(cancellationToken)
                .Select(process)
                .Select(work => Observable.FromAsync(token => deliver(work, token)))
                .Concat()
                .Do(consumer.Acknowledge)
                .DefaultIfEmpty()
                .ToTask(hardStop.Token);
        }
        catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
        {
            throw new ShutdownTimeoutException(
                $"the batches in flight were not committed within {shutdownTimeout.TotalSeconds:0.#} s of the stop (is the state store reachable?); " +
                "their records were not committed and will be re-read on restart");
        }
    }

    private static void Cancel(CancellationTokenSource source)
    {
        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The loop ended just before the deadline.
        }
    }
}
