using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.State;

namespace CreatorStream.Core.Streaming;

/// <summary>
/// The whole dataflow of docs/design.md ("Dataflow") on one thread: a <see cref="SourceTask"/> per input partition
/// routes each record to the brand task, which counts and judges it. Fed micro-batches of raw records, it returns one
/// merged <see cref="BatchResult"/> per batch. It is what tests, the memory benchmark and small embeddings use; the
/// worker and replay run the same tasks, spread over threads and processes, and give the same figures.
/// <para>At the end of each batch every source sends its mark (its watermark, and whether it is idle by the batch's
/// wall clock), so event time moves per batch; the brand processors' minute ticks make the figures independent of that.
/// Mutable; not thread-safe.</para>
/// </summary>
public sealed class StreamProcessor
{
    private readonly CampaignCatalog _catalog;
    private readonly ProcessorOptions _options;
    private readonly EventDecoder _decoder;
    private readonly BrandRouter _router;
    private readonly BrandTask _brands;
    private readonly Dictionary<SourcePartition, SourceTask> _sources = [];
    private readonly SourceOutput _routed = new(partitions: 1, wallClockMs: 0); // reused: each batch is done with it before the next

    // The partitions this processor owns and, for each, the offset of the next record it expects (the store's offset when
    // it was assigned, then one past each record processed): what its commits tell the store to expect (the fence).
    private readonly Dictionary<SourcePartition, long> _positions = [];
    private readonly List<SourceMark> _marks = []; // reused, as _routed

    public StreamProcessor(CampaignCatalog catalog, ProcessorOptions options, IEngagementClassifier classifier, EventDecoder decoder)
        : this(catalog, options, () => classifier, decoder)
    {
    }

    /// <summary>The processor as replay runs it: one authenticity classifier per brand.</summary>
    public StreamProcessor(CampaignCatalog catalog, ProcessorOptions options)
        : this(catalog, options, () => new AuthenticityClassifier(options.Authenticity), new EventDecoder(options.Limits) { RecyclesAudienceEvents = true })
    {
    }

    /// <summary>The processor as replay runs it, with <paramref name="decoder"/> (a test's, with a pool of its own).</summary>
    internal StreamProcessor(CampaignCatalog catalog, ProcessorOptions options, EventDecoder decoder)
        : this(catalog, options, () => new AuthenticityClassifier(options.Authenticity), decoder)
    {
    }

    private StreamProcessor(CampaignCatalog catalog, ProcessorOptions options, Func<IEngagementClassifier> classifiers, EventDecoder decoder)
    {
        _catalog = catalog;
        _options = options;
        _decoder = decoder;
        _router = new BrandRouter(catalog, partitions: 1);
        _brands = new BrandTask(0, catalog, _router, options, classifiers, decoder) { DropsRepeats = false };
    }

    /// <summary>Accounts kept per explanation list.</summary>
    public const int FlaggedAccountsPerScope = BrandProcessor.FlaggedAccountsPerScope;

    /// <summary>Event time through which every partition has delivered.</summary>
    public long Watermark => _brands.Watermark;

    /// <summary>Events waiting for the watermark to be judged.</summary>
    public int PendingAttribution => _brands.Brands.Sum(b => b.Pending);

    /// <summary>The whole state as a worker's brand task commits it in a snapshot (docs/design.md, "Recovery"): for measuring what one costs.</summary>
    /// <param name="sink">The store's, which takes full chunks as they fill; null keeps every byte here.</param>
    public Snapshots.SnapshotBytes Snapshot(Snapshots.ISnapshotSink? sink = null) => _brands.Save(0, long.MaxValue, sink);

    public BatchResult Process(RecordBatch batch)
    {
        var result = new BatchResult(batch.WallClockMs);
        foreach (var partition in batch.Revoked)
        {
            _positions.Remove(partition);
            _sources.Remove(partition);
            _brands.Upstream.Forget(partition);
        }

        foreach (var partition in batch.Assigned)
        {
            Source(partition, batch.WallClockMs);
            _positions[partition] = batch.Checkpoint.Offsets.GetValueOrDefault(partition, StateDelta.NoOffset);
        }

        foreach (var (partition, position) in _positions)
        {
            result.Delta.Fence[partition] = position;
        }

        var routed = _routed;
        routed.Clear(batch.WallClockMs);
        var resuming = batch.Records.Count > 0 && SourceTask.AllIdle(_sources.Values, batch.WallClockMs, batch.Behind);
        foreach (var record in batch.Records)
        {
            result.Delta.Fence.TryAdd(record.Source, _positions.GetValueOrDefault(record.Source, StateDelta.NoOffset));
            Source(record.Source, batch.WallClockMs).Route(record, batch.WallClockMs, routed);
            _positions[record.Source] = record.Offset + 1;
        }

        if (resuming)
        {
            SourceTask.GiveIdleTimeoutAgain(_sources.Values, batch.WallClockMs);
        }

        result.DeadLetters.AddRange(routed.DeadLetters);
        foreach (var (reason, count) in routed.DeadLetterCounts)
        {
            result.Delta.DeadLetters[reason] = result.Delta.DeadLetters.GetValueOrDefault(reason) + count;
        }

        foreach (var (partition, next) in routed.NextOffsets)
        {
            result.Delta.NextOffsets[partition] = next;
        }

        var inputs = routed.ByPartition[0];
        _marks.Clear();
        foreach (var source in _sources.Values)
        {
            _marks.Add(source.Mark(_positions.GetValueOrDefault(source.Partition), batch.WallClockMs, batch.Behind.Contains(source.Partition)));
        }

        _marks.Sort(SourceMark.ApplyOrder);
        foreach (var mark in _marks)
        {
            inputs.Add(BrandInput.Of(mark));
        }

        _brands.Process(inputs, result);
        return result;
    }

    /// <summary>Ends a finite input (replay): the watermark moves past every event, so every bucket closes.</summary>
    public BatchResult Flush(long wallClockMs)
    {
        var result = new BatchResult(wallClockMs);
        _brands.Flush(result);
        return result;
    }

    private SourceTask Source(SourcePartition partition, long wallClockMs)
    {
        if (!_sources.TryGetValue(partition, out var source))
        {
            source = new SourceTask(partition, _catalog, _router, _options, _decoder, wallClockMs);
            _sources.Add(partition, source);
            _brands.Upstream.Expect(partition);
        }

        return source;
    }
}
