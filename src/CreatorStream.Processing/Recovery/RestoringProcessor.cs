using CreatorStream.Core.Streaming;
using Microsoft.Extensions.Logging;

namespace CreatorStream.Processing.Recovery;

/// <summary>
/// Keeps a worker's in-memory processing state consistent with the store across crashes and rebalances
/// (decision 0006). The input log is the state's changelog: whenever partitions are assigned, a fresh
/// <see cref="StreamProcessor"/> re-reads each owned partition from the start of its log up to the offset committed
/// with the state, processing those records without output; then it takes over the events its partitions' previous
/// owner had already released, and live processing resumes exactly where the store stands.
/// <para>Single-threaded, like the processor it wraps: the pipeline feeds one batch at a time.</para>
/// </summary>
public sealed class RestoringProcessor(Func<StreamProcessor> createProcessor, IPartitionHistory history, ILogger logger)
{
    private StreamProcessor _processor = createProcessor();

    /// <summary>The processor currently in use (replaced on every assignment).</summary>
    public StreamProcessor Current => _processor;

    /// <summary>Records re-read to rebuild state, over the process's life.</summary>
    public long RestoredRecords { get; private set; }

    public BatchResult Process(RecordBatch batch, CancellationToken cancellationToken = default)
    {
        if (batch.Assigned.Count > 0)
        {
            Rebuild(batch, cancellationToken);
            batch = batch with { Assigned = [], Revoked = [] }; // the rebuilt processor owns exactly the assignment already
        }

        return _processor.Process(batch);
    }

    private void Rebuild(RecordBatch batch, CancellationToken cancellationToken)
    {
        // Eager rebalancing hands a worker its whole assignment at once, so one rebuild covers every owned partition.
        var processor = createProcessor();
        processor.Process(new RecordBatch([], batch.WallClockMs) { Assigned = batch.Assigned, Checkpoint = batch.Checkpoint, IsRestore = true });
        var until = batch.Assigned
            .Where(p => batch.Checkpoint.Offsets.ContainsKey(p))
            .ToDictionary(p => p, p => batch.Checkpoint.Offsets[p]);
        long restored = 0;
        foreach (var restoreBatch in history.Read(until, batch.WallClockMs, cancellationToken))
        {
            processor.Process(restoreBatch);
            restored += restoreBatch.Records.Count;
        }

        processor.CompleteRestore(batch.Checkpoint, batch.WallClockMs);
        _processor = processor;
        RestoredRecords += restored;
        logger.LogInformation("Rebuilt state for {Partitions} assigned partitions from {Records} records of their logs", batch.Assigned.Count, restored);
    }
}
