using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Dataflow;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;

namespace CreatorStream.Processing.Replay;

/// <summary>
/// Runs a JSON Lines file through the same dataflow as the live workers (docs/design.md, "Dataflow" and "Replay"):
/// the file is one source partition, read in file order; its events are routed to brand tasks that run in parallel,
/// one thread each; event time comes from the file, and at the end of the input the watermark moves past everything so
/// every window closes. Then builds the report from the resulting state.
/// </summary>
public sealed class Replayer(CampaignCatalog catalog, ProcessorOptions options, TimeProvider clock)
{
    /// <summary>Records per micro-batch; replay has no latency to care about, so batches are large.</summary>
    public int BatchSize { get; init; } = 4096;

    /// <summary>
    /// Brand partitions (tasks, one thread each). Default 8. The report does not depend on it: a brand is judged by one
    /// task whichever it is.
    /// </summary>
    public int BrandPartitions { get; init; } = 8;

    /// <summary>
    /// Whether the end of the input closes every window and ends every incident (the report's contract). Tests that compare
    /// with a live run, whose watermark stops at its last event, turn it off.
    /// </summary>
    public bool FlushAtEnd { get; init; } = true;

    /// <summary>Batches read ahead of the brand tasks at most: bounds memory whatever the file's size.</summary>
    public int MaxBatchesAhead { get; init; } = 8;

    public static SourcePartition Source { get; } = new("replay", 0);

    public Task<ReplayOutcome> RunAsync(Stream input, IProgress<ReplayProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(input, progress, cancellationToken, new InMemoryStateStore());

    /// <summary>Replays into <paramref name="store"/> (empty, memory or Redis), which can be read afterwards.</summary>
    public async Task<ReplayOutcome> RunAsync(Stream input, IProgress<ReplayProgress>? progress, CancellationToken cancellationToken, Core.State.IStateStore store)
    {
        // A file is finite: there is no idle partition to wait for, only the end of the input. Its event times are
        // history (or, from `generate`, ahead of now), so the wall clock bounds nothing: no future-skew check (decision 0008).
        var replayOptions = options with { IdleTimeout = null, MaxFutureSkew = null };
        var router = new BrandRouter(catalog, BrandPartitions);
        var decoder = new EventDecoder(replayOptions.Limits) { RecyclesAudienceEvents = true }; // every audience event goes to a brand task, or is a dead letter
        var recycler = new BatchRecycler(BatchSize);
        var sources = new SourceStage(catalog, router, replayOptions, decoder, recycler);
        var brands = new BrandStage(catalog, router, replayOptions);
        var sinks = new CollectingSinks();
        var committer = new BatchCommitter(store, sinks, sinks, alerts: null, changes: null);
        var reader = new JsonLinesReader(input);
        using var ahead = new SemaphoreSlim(MaxBatchesAhead, MaxBatchesAhead);
        long records = 0;

        var batches = Observable.Create<RecordBatch>(async (observer, token) =>
        {
            foreach (var batch in reader.ReadBatches(Source, BatchSize, clock, recycler))
            {
                await ahead.WaitAsync(token);
                observer.OnNext(batch);
            }

            observer.OnCompleted();
        });

        var results = batches
            .DecodeAhead(decoder, recycler: recycler)
            .Route(sources, recycler)
            .ProcessBrands(brands, FlushAtEnd, processed: batch =>
            {
                recycler.Processed(batch);
                ahead.Release();
            })
            .Commit(committer)
            .Do(result =>
            {
                if (result.Delta.NextOffsets.TryGetValue(Source, out var next))
                {
                    records = Math.Max(records, next);
                    progress?.Report(new ReplayProgress(records, reader.BytesRead));
                }
            });

        await results.DefaultIfEmpty().LastAsync().ToTask(cancellationToken);

        var report = await StoredReport.ReadAsync(store, catalog, cancellationToken);
        // Brand tasks run in parallel: their dead letters (refunds of unknown orders) are put back in file order.
        return new ReplayOutcome(report, [.. sinks.DeadLetters.OrderBy(d => d.Record.Offset)], records);
    }
}
