using System.Reactive.Linq;
using System.Reactive.Threading.Tasks;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;

namespace CreatorStream.Processing.Replay;

/// <summary>
/// Runs a JSON Lines file through the same Rx pipeline and processor as the live worker (DESIGN.md section 9):
/// in file order, one partition, event time driving the windows, and at the end of the input the watermark
/// moves past everything so every window closes. Then builds the report from the resulting state.
/// </summary>
public sealed class Replayer(CampaignCatalog catalog, ProcessorOptions options, TimeProvider clock)
{
    /// <summary>Records per micro-batch; replay has no latency to care about, so batches are large.</summary>
    public int BatchSize { get; init; } = 4096;

    public static SourcePartition Source { get; } = new("replay", 0);

    public Task<ReplayOutcome> RunAsync(Stream input, IProgress<ReplayProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(input, progress, cancellationToken, new InMemoryStateStore());

    /// <summary>Replays into <paramref name="store"/> (empty, memory or Redis), which can be read afterwards.</summary>
    public async Task<ReplayOutcome> RunAsync(Stream input, IProgress<ReplayProgress>? progress, CancellationToken cancellationToken, Core.State.IStateStore store)
    {
        // A file is finite: there is no idle partition to wait for, only the end of the input. Its event times are
        // history (or, from `generate`, ahead of now), so the wall clock bounds nothing: no future-skew check (decision 0008).
        var processor = new StreamProcessor(catalog, options with { IdleTimeout = null, MaxFutureSkew = null });
        var sinks = new CollectingSinks();
        var committer = new BatchCommitter(store, sinks, sinks, alerts: null, changes: null);
        var reader = new JsonLinesReader(input);
        long records = 0;

        var results = reader.ReadBatches(Source, BatchSize, clock).ToObservable()
            .Process(processor)
            .Concat(Observable.Defer(() => Observable.Return(processor.Flush(clock.GetUtcNow().ToUnixTimeMilliseconds()))))
            .Commit(committer)
            .Do(result =>
            {
                records = Math.Max(records, result.Delta.NextOffsets.GetValueOrDefault(Source));
                progress?.Report(new ReplayProgress(records, reader.BytesRead));
            });

        await results.DefaultIfEmpty().LastAsync().ToTask(cancellationToken);

        var report = await StoredReport.ReadAsync(store, catalog, cancellationToken);
        return new ReplayOutcome(report, sinks.DeadLetters, records);
    }
}
