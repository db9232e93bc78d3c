using System.Runtime.CompilerServices;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Conversions;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Core.Windows;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.State;

namespace CreatorStream.Bench;

/// <summary>
/// Memory per active user and per creator (issue 8): <see cref="MemoryWorkload"/>'s users go through the processor
/// and the memory store as replay drives them (4,096-record batches, one partition, each batch committed), but the
/// input is not flushed at the end, so every user is still active (within every retention) when the heap is measured
/// after a full compacting GC. Then the processor is dropped and the heap measured again (what is left is the
/// store's), and (with <see cref="MemoryBenchOptions.Components"/>) each per-user component (dedup, journeys and chains, the
/// authenticity classifier) is fed the same events alone and measured, to say what the state is made of. One population per process: run it once per size.
/// </summary>
public sealed class MemoryBench(MemoryBenchOptions options, ProcessorOptions processorOptions, IBenchProgress progress, TimeProvider clock)
{
    private const int BatchSize = 4_096; // as replay's
    private static readonly SourcePartition Source = new("memory-bench", 0);

    public async Task<MemoryFigures> RunAsync(CancellationToken cancellationToken)
    {
        var workload = new MemoryWorkload(options);
        var baseline = HeapMeter.Measure();
        progress.Report($"baseline: {Mib(baseline.LiveBytes)} MiB live, {Mib(baseline.RssBytes)} MiB resident; feeding {options.Users:N0} users", force: true);

        var started = clock.GetTimestamp();
        var held = new Held();
        var records = await FeedAsync(workload, held, cancellationToken);
        var seconds = clock.GetElapsedTime(started).TotalSeconds;
        var counters = await held.Store!.ReadCountersAsync(cancellationToken);

        var state = HeapMeter.Measure() - baseline;
        progress.Report($"state: {Mib(state.LiveBytes)} MiB live ({state.LiveBytes / (double)options.Users:N0} bytes a user), {Mib(state.RssBytes)} MiB resident", force: true);

        // A worker snapshots this state inside a batch (docs/design.md, "Recovery"): what one costs, and the peak beside it.
        var peakRss = ProcessMeters.PeakRssMegabytes();
        var snapshot = await MeasureSnapshotAsync(held, workload, cancellationToken);
        progress.Report($"snapshot: {Mib(snapshot.Bytes)} MiB in {snapshot.Seconds:F1} s ({(options.Redis is null ? "held whole" : "streamed to Redis and committed")})", force: true);
        held.Processor = null;
        var storeOnly = HeapMeter.Measure() - baseline;
        held.Store = null;

        var components = options.Components
            ?
            [
                Component("dedup (event ids, 24 h)", workload, MeasureDedup),
                Component("attribution (journeys, open paths, chains)", workload, MeasureAttribution),
                Component("authenticity classifier", workload, MeasureAuthenticity),
            ]
            : new List<ComponentSize>();

        return new MemoryFigures
        {
            Users = options.Users,
            Creators = options.Creators,
            Campaigns = options.Campaigns,
            Posts = options.Creators * options.PostsPerCreator,
            SpanMinutes = options.Span.TotalMinutes,
            Records = records,
            EventsCounted = counters.Events,
            Seconds = Math.Round(seconds, 1),
            Baseline = baseline,
            State = state,
            Processor = state - storeOnly,
            Store = storeOnly,
            Components = components,
            StateBytesPerUser = Math.Round(state.LiveBytes / (double)options.Users),
            PeakRssMb = peakRss,
            SnapshotBytes = snapshot.Bytes,
            SnapshotSeconds = Math.Round(snapshot.Seconds, 2),
            SnapshotCommitSeconds = Math.Round(snapshot.CommitSeconds, 2),
            SnapshotAllocatedBytes = snapshot.Allocated,
            PeakRssWithSnapshotMb = snapshot.PeakRssMb,
            SnapshotStore = options.Redis is null ? "memory" : "redis",
        };
    }

    /// <summary>
    /// One snapshot of the held state: its size, time to write (and to commit after), allocation, and the peak resident memory once it was made (the
    /// bytes are let go here). With <see cref="MemoryBenchOptions.Redis"/>, written as a worker writes it, its chunks to
    /// the store as they fill, and committed; the keys are deleted afterwards.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<(long Bytes, double Seconds, double CommitSeconds, long Allocated, double PeakRssMb)> MeasureSnapshotAsync(Held held, MemoryWorkload workload, CancellationToken cancellationToken)
    {
        using var redis = options.Redis is null ? null : await Redis.RedisConnections.ConnectAsync(options.Redis, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        var store = redis is null ? null : new Redis.RedisStateStore(redis, options.Redis! with { KeyPrefix = $"cs-bench-memory-{Environment.ProcessId}" }, workload.Catalog, Microsoft.Extensions.Logging.Abstractions.NullLogger<Redis.RedisStateStore>.Instance);
        var partition = new SourcePartition(TaskNames.BrandTopic, 0);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = clock.GetTimestamp();
        var processor = held.Processor!;
        var bytes = await Task.Run(() => processor.Snapshot(store?.OpenSnapshotSink(partition)), cancellationToken); // on the pool, as a worker's brand stage
        var written = clock.GetElapsedTime(started).TotalSeconds;
        if (store is not null)
        {
            var delta = new StateDelta { WallClockMs = clock.GetUtcNow().ToUnixTimeMilliseconds(), Task = TaskNames.Of(partition), Snapshot = bytes };
            delta.NextOffsets[partition] = 1;
            await store.CommitAsync(delta, cancellationToken);
        }

        var seconds = clock.GetElapsedTime(started).TotalSeconds;
        var figures = (bytes.Length, written, seconds - written, GC.GetTotalAllocatedBytes(precise: true) - allocated, ProcessMeters.PeakRssMegabytes());
        if (store is not null)
        {
            await store.ClearAsync(); // the bench's keys, a gigabyte at a million users
        }

        return figures;
    }

    /// <summary>Feeds the population to a new processor and store, left in <paramref name="held"/> (this frame keeps no reference).</summary>
    private async Task<long> FeedAsync(MemoryWorkload workload, Held held, CancellationToken cancellationToken)
    {
        var processor = held.Processor = new StreamProcessor(workload.Catalog, processorOptions with { IdleTimeout = null });
        var store = held.Store = new InMemoryStateStore();
        var committer = new BatchCommitter(store, new CollectingSinks(), new CollectingSinks(), alerts: null, changes: null);
        long offset = 0;
        foreach (var chunk in workload.Records().Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = chunk.Select(value => new InboundRecord(Source, offset++, null, ReadOnlyMemory<byte>.Empty, value)).ToArray();
            var result = processor.Process(new RecordBatch(batch, clock.GetUtcNow().ToUnixTimeMilliseconds()));
            await committer.CommitAsync(result, cancellationToken);
            progress.Report($"{offset:N0} records, watermark {DateTimeOffset.FromUnixTimeMilliseconds(processor.Watermark):HH:mm:ss}, {Mib(GC.GetTotalMemory(false))} MiB managed");
        }

        return offset;
    }

    private ComponentSize Component(string name, MemoryWorkload workload, Func<MemoryWorkload, (long LiveBytes, long Entries)> measure)
    {
        progress.Report($"component alone: {name}", force: true);
        var (live, entries) = measure(workload);
        return new ComponentSize(name, live, entries, Math.Round(live / (double)options.Users));
    }

    private static IEnumerable<StreamEvent> Events(MemoryWorkload workload)
    {
        var decoder = new EventDecoder(); // decoded as the processor decodes: a string per field, none shared
        foreach (var record in workload.Records())
        {
            if (decoder.Decode(record).Event is { } e)
            {
                yield return e;
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // the component must be the only thing this frame keeps alive
    private (long, long) MeasureDedup(MemoryWorkload workload)
    {
        var before = HeapMeter.Measure().LiveBytes;
        var dedup = new Deduplicator(processorOptions.DedupHorizon);
        foreach (var e in Events(workload))
        {
            dedup.TryAdd(e.EventId, e.Ts);
        }

        var live = HeapMeter.Measure().LiveBytes - before;
        return (live, dedup.Count);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (long, long) MeasureAttribution(MemoryWorkload workload)
    {
        var before = HeapMeter.Measure().LiveBytes;
        var attributor = new ConversionAttributor(workload.Catalog);
        foreach (var e in Events(workload))
        {
            if (e is AudienceEvent audience)
            {
                attributor.Touch(audience);
                attributor.Chain(audience);
            }
            else if (e is Conversion conversion)
            {
                attributor.Convert(conversion, new AttributionDelta()); // a batch's delta, not state
            }
        }

        var live = HeapMeter.Measure().LiveBytes - before;
        return (live, attributor.Users);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private (long, long) MeasureAuthenticity(MemoryWorkload workload)
    {
        var before = HeapMeter.Measure().LiveBytes;
        var classifier = new AuthenticityClassifier(processorOptions.Authenticity);
        foreach (var e in Events(workload))
        {
            if (e is AudienceEvent audience)
            {
                classifier.Classify(audience);
            }
        }

        var live = HeapMeter.Measure().LiveBytes - before;
        return (live, classifier.StateSize);
    }

    private static long Mib(long bytes) => bytes / (1024 * 1024);

    /// <summary>The state under measurement, in fields so that it can be dropped (an async method's locals live on).</summary>
    private sealed class Held
    {
        public StreamProcessor? Processor { get; set; }

        public InMemoryStateStore? Store { get; set; }
    }
}
