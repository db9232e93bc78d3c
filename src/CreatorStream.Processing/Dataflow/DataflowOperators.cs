using System.Reactive.Concurrency;
using System.Reactive.Linq;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Processing.Dataflow;

/// <summary>
/// The dataflow of docs/design.md ("Dataflow") as Rx operators over batches, for a topology in one process (replay):
/// <code>
/// batches.DecodeAhead(decoder)     // pure decoding, ahead on the thread pool, in order
///        .Route(sources)           // stage 1: validate, dead-letter, route to brand partitions, marks after
///        .ProcessBrands(brands)    // stage 2: one thread per brand partition, in parallel
/// </code>
/// The worker runs the same tasks with Kafka topics between the stages instead (Host's WorkerPipeline).
/// </summary>
public static class DataflowOperators
{
    /// <summary>Decodes each batch on the thread pool as it arrives (so several batches decode at once), emitting them in order.</summary>
    public static IObservable<DecodedBatch> DecodeAhead(this IObservable<RecordBatch> batches, EventDecoder decoder, IScheduler? scheduler = null, BatchRecycler? recycler = null) =>
        batches
            .Select(batch => Observable.Start(() => Decode(batch, decoder, recycler), scheduler ?? TaskPoolScheduler.Default))
            .Concat();

    /// <summary>Stage 1 on the thread that delivers each batch; a routed batch's buffers go back to <paramref name="recycler"/>.</summary>
    public static IObservable<RoutedBatch> Route(this IObservable<DecodedBatch> batches, SourceStage sources, BatchRecycler? recycler = null) =>
        batches.Select(b =>
        {
            var routed = sources.Route(b.Batch, b.Decoded);
            recycler?.Routed(b);
            return routed;
        });

    /// <summary>Stage 1 on the thread that delivers each batch, decoding there too.</summary>
    public static IObservable<RoutedBatch> Route(this IObservable<RecordBatch> batches, SourceStage sources) =>
        batches.Select(b => sources.Route(b));

    /// <summary>
    /// Stage 2: each brand partition's inputs processed in order on that partition's own scheduler, partitions in
    /// parallel. Emits the source stage's result of each batch (dead letters, counts), then each partition's results;
    /// when the input ends, each partition's flush (<paramref name="flushAtEnd"/>: replay's end of input), then completes.
    /// <paramref name="processed"/> is called once per routed batch when every partition has processed it (back-pressure;
    /// the batch's lists are no longer read then).
    /// </summary>
    public static IObservable<BatchResult> ProcessBrands(this IObservable<RoutedBatch> routed, BrandStage brands, bool flushAtEnd, Action<RoutedBatch>? processed = null) =>
        Observable.Create<BatchResult>(observer =>
        {
            var gate = new Lock();
            var schedulers = Enumerable.Range(0, brands.Partitions).Select(_ => new EventLoopScheduler()).ToArray();
            var failed = false;
            void Emit(BatchResult result)
            {
                lock (gate)
                {
                    if (!failed)
                    {
                        observer.OnNext(result);
                    }
                }
            }

            void Fail(Exception e)
            {
                lock (gate)
                {
                    if (!failed)
                    {
                        failed = true;
                        observer.OnError(e);
                    }
                }
            }

            long lastWallClock = 0;
            var subscription = routed.Subscribe(
                batch =>
                {
                    lastWallClock = batch.WallClockMs;
                    var sourceResult = new BatchResult(batch.WallClockMs);
                    sourceResult.Delta.Task = batch.Sources.NextOffsets.Count == 1 ? Core.State.TaskNames.Of(batch.Sources.NextOffsets.Keys.First()) : null;
                    sourceResult.DeadLetters.AddRange(batch.Sources.DeadLetters);
                    foreach (var (reason, count) in batch.Sources.DeadLetterCounts)
                    {
                        sourceResult.Delta.DeadLetters[reason] = count;
                    }

                    foreach (var (partition, next) in batch.Sources.NextOffsets)
                    {
                        sourceResult.Delta.NextOffsets[partition] = next;
                    }

                    Emit(sourceResult);
                    var remaining = brands.Partitions;
                    for (var p = 0; p < brands.Partitions; p++)
                    {
                        var partition = p;
                        schedulers[p].Schedule(() =>
                        {
                            try
                            {
                                Emit(brands.Process(partition, batch.ByPartition[partition], batch.WallClockMs));
                            }
                            catch (Exception e)
                            {
                                Fail(e);
                            }

                            if (Interlocked.Decrement(ref remaining) == 0)
                            {
                                processed?.Invoke(batch);
                            }
                        });
                    }
                },
                Fail,
                () =>
                {
                    var remaining = brands.Partitions;
                    for (var p = 0; p < brands.Partitions; p++)
                    {
                        var partition = p;
                        schedulers[p].Schedule(() =>
                        {
                            try
                            {
                                if (flushAtEnd)
                                {
                                    Emit(brands.Flush(partition, lastWallClock));
                                }
                            }
                            catch (Exception e)
                            {
                                Fail(e);
                            }

                            if (Interlocked.Decrement(ref remaining) == 0)
                            {
                                lock (gate)
                                {
                                    if (!failed)
                                    {
                                        observer.OnCompleted();
                                    }
                                }
                            }
                        });
                    }
                });

            return () =>
            {
                subscription.Dispose();
                foreach (var scheduler in schedulers)
                {
                    scheduler.Dispose();
                }
            };
        });

    private static DecodedBatch Decode(RecordBatch batch, EventDecoder decoder, BatchRecycler? recycler)
    {
        var decoded = recycler?.Decodings(batch.Records.Count) ?? new DecodeResult[batch.Records.Count];
        for (var i = 0; i < decoded.Length; i++)
        {
            var record = batch.Records[i];
            decoded[i] = decoder.Decode(record.Value.Span, record.TypeHint);
        }

        return new DecodedBatch(batch, decoded);
    }
}
