using Confluent.Kafka;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Kafka.Producing;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.Telemetry;

namespace CreatorStream.Host.Composition;

/// <summary>
/// Stage 2 in a worker (docs/design.md, "Dataflow"): the <see cref="BrandTask"/>s of the brand partitions this worker is
/// assigned (consumer group <c>creatorstream-brands</c>, cooperative rebalancing). A partition assigned here is restored
/// first: its task loads its snapshot and re-reads the partition from the snapshot's offset to the offset committed
/// with the state, without output, so it stands exactly where the store does. Each batch: tasks in parallel, then per
/// task its dead letters, closed windows and alerts (which may repeat after a crash, never be lost), then its state with
/// its offset (one atomic commit), then change notices (<see cref="BatchCommitter"/>).
/// </summary>
internal sealed class BrandStageWorker(
    KafkaClientSettings kafka,
    CampaignCatalog catalog,
    ProcessorOptions options,
    IStateStore store,
    BrandRouter router,
    IReadOnlyList<SourcePartition> sources,
    ICampaignChangeFeed? changes,
    TimeProvider clock,
    ILoggerFactory loggers)
{
    private readonly Dictionary<SourcePartition, (BrandTask Task, long Fence)> _tasks = [];

    // Tasks whose last snapshot the store committed without (told by the commits, which run beside the next batch; read
    // between batches, where the schedule changes).
    private readonly System.Collections.Concurrent.ConcurrentQueue<SourcePartition> _snapshotsDropped = new();
    private SnapshotSchedule? _schedule;

    // Snapshots captured in a batch and being finished beside the stage (decision 0033), one a task at most: each is
    // committed with its task's first batch after it is done, and dropped with its task.
    private readonly Dictionary<SourcePartition, Finishing> _finishing = [];

    // Kept from batch to batch and refilled: the batch grouped per partition, and per task its records' envelopes read
    // (made per batch they were the largest share of the stage's allocation, docs/benchmarks.md, session 15).
    private PartitionGroups _groups = new();
    private Dictionary<SourcePartition, List<BrandInput>> _inputs = [];
    private readonly ILogger _logger = loggers.CreateLogger<BrandStageWorker>();
    private readonly BatchLog _log = new(loggers.CreateLogger("CreatorStream.Worker.Batches"));
    private long _committedBatches;

    public ConsumerLag Lag { get; init; } = new();

    /// <summary>Where each commit is told to this worker's source stage (<see cref="BrandProgress"/>); null: nowhere.</summary>
    public BrandProgress? Progress { get; init; }

    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string GroupId { get; init; } = "creatorstream-brands";

    /// <summary>
    /// How often (wall clock) a task commits a snapshot of its state with its offset, so that a restore re-reads about
    /// this much of its partition. Default 30 s: a snapshot costs its size in one commit (docs/benchmarks.md, "Recovery").
    /// A task whose snapshots take long waits longer (<see cref="SnapshotSchedule"/>: at most a twentieth of its time).
    /// </summary>
    public TimeSpan SnapshotInterval { get; init; } = TimeSpan.FromSeconds(30);

    private SnapshotSchedule Schedule => _schedule ??= new SnapshotSchedule(SnapshotInterval);

    /// <summary>
    /// The bytes of frames a batch takes at most (one frame more may pass it): 1 MiB, about 5,000 of the generator's events
    /// with its audience events packed (decision 0037). Kept below the source stage's hold (10,000 records), so the source
    /// stage sends its next batch while this stage processes one; at 2 MiB a batch took the whole hold, and the two stages
    /// worked in turn (docs/benchmarks.md, session 52).
    /// </summary>
    public long MaxBatchBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Longest a batch of frames waits to fill: 5 ms, not the source stage's 20. Frames come a source batch at a time,
    /// each already about a hundred records, so waiting longer mostly delays them; at 5 ms the store's p50 at 25,000
    /// records/s went from about 67 to 56 ms for the same CPU, and the unpaced rate held (docs/benchmarks.md, session 61).
    /// </summary>
    internal static readonly TimeSpan MaxBatchWait = TimeSpan.FromMilliseconds(5);

    /// <summary>The brand topic's consumer: offsets without holes, batches bounded by bytes and by <see cref="MaxBatchWait"/>.</summary>
    internal static IngestConsumerOptions ConsumerOptionsOf(string groupId, long maxBatchBytes) => new()
    {
        GroupId = groupId,
        Topics = [Topics.ByBrand],
        ContiguousOffsets = true,
        AutoCommitInterval = TimeSpan.FromMilliseconds(100),
        ReuseBatchList = true,
        LendBytes = true,
        MaxBatchBytes = maxBatchBytes,
        MaxBatchWait = MaxBatchWait,
    };

    /// <summary>Records re-read to restore tasks, over this stage's life.</summary>
    public long RestoredRecords { get; private set; }

    /// <summary>Task batches committed so far.</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _ = SnapshotWarmUp.Start(options, _logger); // the snapshot code compiled before a busy task's first capture needs it
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.Producer("creatorstream-brand-stage")).Build();
        var committer = new BatchCommitter(
            store,
            new KafkaDeadLetterSink(producer, clock, loggers.CreateLogger<KafkaDeadLetterSink>()),
            new KafkaWindowSink(producer),
            new KafkaAlertSink(producer),
            changes)
        { Clock = clock };
        // A batch of frames is bounded by its bytes (about the 5,000 records of a source batch), not by its frames, each of which holds many records.
        var consumer = new IngestConsumer(kafka, ConsumerOptionsOf(GroupId, MaxBatchBytes), store, clock, loggers.CreateLogger<IngestConsumer>()) { Lag = Lag };
        var history = new KafkaPartitionHistory(kafka, loggers.CreateLogger<KafkaPartitionHistory>());
        _tasks.Clear();
        DropFinishing(); // a restart's tasks are restored anew: a snapshot of the failed run's is not committed

        // New buffers for a new run (a restart after a fenced commit): the failed run's consume thread may not have
        // stopped yet, and must not share them.
        _groups = new();
        _inputs = [];
        try
        {
            await StageLoop.RunAsync(consumer, batch => Process(batch, history, cancellationToken), (work, token) => CommitAsync(work, committer, token), ShutdownTimeout, clock, cancellationToken);
        }
        finally
        {
            producer.Flush(TimeSpan.FromSeconds(5));
        }
    }

    private List<(SourcePartition Partition, BatchResult Result, int Records)> Process(RecordBatch batch, KafkaPartitionHistory history, CancellationToken cancellationToken)
    {
        var (groups, inputsOf) = (_groups, _inputs); // this run's buffers, even if a restart replaces the fields meanwhile
        foreach (var partition in batch.Revoked)
        {
            DropFinishing(partition);
            _tasks.Remove(partition);
            Schedule.Revoked(partition);
            groups.Forget(partition);
            inputsOf.Remove(partition);
        }

        foreach (var partition in batch.Assigned)
        {
            var restoredBefore = RestoredRecords;
            _tasks[partition] = (Restore(partition, batch.Checkpoint, history, batch.WallClockMs, cancellationToken), batch.Checkpoint.Offsets.GetValueOrDefault(partition, StateDelta.NoOffset));

            // A restore that re-read records snapshots at its first commit, so the next owner does not re-read them again.
            Schedule.Restored(partition, batch.WallClockMs, soon: RestoredRecords > restoredBefore);
            inputsOf[partition] = [];
        }

        while (_snapshotsDropped.TryDequeue(out var dropped))
        {
            if (_tasks.ContainsKey(dropped))
            {
                Schedule.Dropped(dropped, batch.WallClockMs); // the last one stands: the next comes sooner than an interval
            }
        }

        groups.Fill(batch.Records, _tasks);
        var partitions = groups.Partitions;
        var results = new (SourcePartition, BatchResult, int)[partitions.Count];
        var captured = new Finishing?[partitions.Count]; // snapshots captured in this batch, written beside the stage from its end
        var done = new Finishing?[partitions.Count]; // snapshots finished beside the stage, committed with this batch
        for (var i = 0; i < partitions.Count; i++)
        {
            if (_finishing.TryGetValue(partitions[i], out var finishing) && finishing.Written.IsCompleted)
            {
                done[i] = finishing;
                _finishing.Remove(partitions[i]);
            }
        }

        Parallel.For(0, partitions.Count, i =>
        {
            var partition = partitions[i];
            var (task, fence) = _tasks[partition];
            var records = groups[partition];
            var inputs = inputsOf[partition];
            inputs.Clear();
            BrandEnvelope.DecodeAll(records, inputs);

            var result = new BatchResult(batch.WallClockMs);
            result.Delta.Task = TaskNames.Of(partition);
            result.Delta.Fence[partition] = fence;
            task.Process(inputs, result);
            var next = records[^1].Offset + 1;
            result.Delta.NextOffsets[partition] = next;
            result.OutputVersion = next; // a later batch of this partition closes windows with a higher version
            if (done[i] is { } finished)
            {
                // Committed with this batch's offset, past the one it stands at: a restore re-reads from the snapshot's.
                Committed(partition, finished, result);
            }
            else if (!_finishing.ContainsKey(partition) && Schedule.Due(partition, batch.WallClockMs))
            {
                captured[i] = Capture(partition, task, next, batch.WallClockMs);
                PipelineInstruments.SnapshotHeld.Record(captured[i]!.HeldMs / 1000, SnapshotStage);
            }

            results[i] = (partition, result, inputs.Count);
        });

        var held = 0;
        for (var i = 0; i < results.Length; i++)
        {
            var (partition, result, count) = results[i];
            held += count;
            _tasks[partition] = (_tasks[partition].Task, result.Delta.NextOffsets[partition]);
            if (done[i] is { } finished)
            {
                Schedule.Taken(partition, finished.AtMs, finished.Ms); // committed or refused: the next waits by its whole cost
            }

            if (captured[i] is { } capture)
            {
                Schedule.Taken(partition, capture.AtMs, capture.HeldMs); // none is due while it is written; then by its whole cost
                if (capture.Capture is not null)
                {
                    capture.Start(clock);
                    _finishing[partition] = capture;
                }
            }
        }

        var work = new List<(SourcePartition Partition, BatchResult Result, int Records)>(results);
        SnapshotsOfQuietTasks(batch.WallClockMs, partitions, work);
        PipelineInstruments.BatchRecords.Record(held, new KeyValuePair<string, object?>("stage", "brands")); // the events and marks its frames held, not the frames
        PipelineInstruments.RecordAge(batch, "brands"); // its oldest frame's, stamped when its source stage sent it
        return work;
    }

    // A snapshot of the task at `next` (decision 0033): its cheap parts written and its large ones frozen here, inside the
    // batch; the rest is written beside the stage. A snapshot too large for the store is refused here if its written
    // parts already pass the limit (Capture is then null).
    private Finishing Capture(SourcePartition partition, BrandTask task, long next, long wallClockMs)
    {
        var started = clock.GetTimestamp();
        var sink = store.OpenSnapshotSink(partition); // a store that takes full chunks as they fill (Redis)
        Core.Snapshots.SnapshotCapture? capture = null;
        try
        {
            capture = task.Capture(next, store.MaxSnapshotBytes, sink);
        }
        catch (Core.Snapshots.SnapshotTooLargeException e)
        {
            Refused(partition, next, sink, e);
        }
        catch
        {
            sink?.Abandon(); // the task fails with this batch: what its snapshot stored goes now, not in hours
            throw;
        }

        var heldMs = clock.GetElapsedTime(started).TotalMilliseconds;
        if (capture is null)
        {
            PipelineInstruments.SnapshotDuration.Record(heldMs / 1000, SnapshotStage); // refused: it held the batch this long, all of it
        }

        return new Finishing(capture, sink, next, wallClockMs, heldMs);
    }

    // A snapshot finished beside the stage, put into this batch's commit (or refused, or its failure the batch's).
    private void Committed(SourcePartition partition, Finishing finished, BatchResult result)
    {
        try
        {
            var snapshot = finished.Written.GetAwaiter().GetResult();
            result.Delta.Snapshot = snapshot; // committed with this batch's offset; it stands at its own
            PipelineInstruments.SnapshotBytes.Record(snapshot.Length, SnapshotStage);
            _logger.LogInformation(
                "Snapshot of brand task {Task} at offset {Offset}: {Bytes:N0} bytes in {Ms:F0} ms, {Held:F0} ms of them inside its batch",
                TaskNames.Of(partition),
                finished.Position,
                snapshot.Length,
                finished.Ms,
                finished.HeldMs);
        }
        catch (Core.Snapshots.SnapshotTooLargeException e)
        {
            Refused(partition, finished.Position, finished.Sink, e);
        }
        catch
        {
            finished.Sink?.Abandon(); // the task fails with this batch: what its snapshot stored goes now, not in hours
            throw;
        }

        PipelineInstruments.SnapshotDuration.Record(finished.Ms / 1000, SnapshotStage);
    }

    // The store does not keep one this large; without it the last snapshot stands, and a restore re-reads the partition
    // from there (as far as retention still holds that tail). Writing stopped at the limit (each of a brand's groups at
    // what was left of it), so finding out cost at most a few times that, and what went to the store's sink meanwhile
    // goes now.
    private void Refused(SourcePartition partition, long position, Core.Snapshots.ISnapshotSink? sink, Core.Snapshots.SnapshotTooLargeException e)
    {
        sink?.Abandon();
        PipelineInstruments.SnapshotsRefused.Add(1, SnapshotStage);
        _logger.LogError(
            "The snapshot of brand task {Task} at offset {Offset} passed {Max:N0} bytes, the most the state store keeps of one task: not committed, the last one stands (decision 0033)",
            TaskNames.Of(partition),
            position,
            e.Limit);
    }

    // A task with no records in this batch whose snapshot is written: committed on its own, at the offset its last batch
    // committed (its fence), so a task whose records stopped after its capture does not keep the snapshot until its next
    // record. The consumer hands the stage a batch at least once a second (IngestConsumerOptions.IdleTick), records or
    // not.
    private void SnapshotsOfQuietTasks(long wallClockMs, IReadOnlyList<SourcePartition> inBatch, List<(SourcePartition Partition, BatchResult Result, int Records)> work)
    {
        foreach (var (partition, finishing) in _finishing.Where(f => f.Value.Written.IsCompleted && !inBatch.Contains(f.Key)).ToList())
        {
            _finishing.Remove(partition);
            var fence = _tasks[partition].Fence;
            var result = new BatchResult(wallClockMs);
            result.Delta.Task = TaskNames.Of(partition);
            result.Delta.Fence[partition] = fence;
            result.Delta.NextOffsets[partition] = fence; // nothing read: the offset stays
            result.OutputVersion = fence;
            Committed(partition, finishing, result);
            Schedule.Taken(partition, finishing.AtMs, finishing.Ms);
            work.Add((partition, result, 0));
        }
    }

    // A snapshot being finished for a task this worker no longer runs (or for a failed run): not committed, and what it
    // stored goes once it is done.
    private void DropFinishing(SourcePartition partition)
    {
        if (_finishing.Remove(partition, out var finishing))
        {
            _ = finishing.Written.ContinueWith(static (_, sink) => ((Core.Snapshots.ISnapshotSink?)sink)?.Abandon(), finishing.Sink, TaskScheduler.Default);
        }
    }

    private void DropFinishing()
    {
        foreach (var partition in _finishing.Keys.ToList())
        {
            DropFinishing(partition);
        }
    }

    private static readonly KeyValuePair<string, object?> SnapshotStage = new("stage", "brands");

    /// <summary>
    /// A snapshot captured at <see cref="Position"/> in the batch of <see cref="AtMs"/>, which held that batch
    /// <see cref="HeldMs"/>, then written beside the stage (<see cref="Written"/>); <see cref="Capture"/> is null when
    /// it was refused at once.
    /// </summary>
    private sealed class Finishing(Core.Snapshots.SnapshotCapture? capture, Core.Snapshots.ISnapshotSink? sink, long position, long atMs, double heldMs)
    {
        private double _writtenMs;

        public Core.Snapshots.SnapshotCapture? Capture => capture;

        public Core.Snapshots.ISnapshotSink? Sink => sink;

        public long Position => position;

        public long AtMs => atMs;

        public double HeldMs => heldMs;

        public Task<Core.Snapshots.SnapshotBytes> Written { get; private set; } = Task.FromResult(Core.Snapshots.SnapshotBytes.Empty);

        /// <summary>Its whole time: inside the batch, then written beside the stage.</summary>
        public double Ms => heldMs + _writtenMs;

        /// <summary>Starts writing the frozen parts on the thread pool.</summary>
        public void Start(TimeProvider clock) => Written = Task.Run(() =>
        {
            var started = clock.GetTimestamp();
            try
            {
                return capture!.Finish();
            }
            finally
            {
                _writtenMs = clock.GetElapsedTime(started).TotalMilliseconds; // read once Written is done
            }
        });
    }

    private BrandTask Restore(SourcePartition partition, Checkpoint checkpoint, KafkaPartitionHistory history, long wallClockMs, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var task = NewTask(partition.Partition);
        var until = checkpoint.Offsets.GetValueOrDefault(partition, 0);
        long from = 0;
        if (checkpoint.Snapshots.TryGetValue(partition, out var snapshot))
        {
            try
            {
                from = task.Load(snapshot);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
            {
                // A snapshot this build cannot read (another format): rebuild from the whole retained log instead.
                _logger.LogWarning("The snapshot of {Task} cannot be read ({Reason}); rebuilding from its partition's log", TaskNames.Of(partition), e.Message);
                task = NewTask(partition.Partition);
            }
        }

        long restored = 0;
        if (until > from)
        {
            foreach (var restoreBatch in history.Read(new Dictionary<SourcePartition, long> { [partition] = from }, new Dictionary<SourcePartition, long> { [partition] = until }, wallClockMs, cancellationToken))
            {
                var inputs = new List<BrandInput>();
                BrandEnvelope.DecodeAll(restoreBatch.Records, inputs);
                task.Process(inputs, new BatchResult(wallClockMs)); // already committed: output discarded
                restored += inputs.Count;
            }
        }

        RestoredRecords += restored;
        var stage = new KeyValuePair<string, object?>("stage", "brands");
        PipelineInstruments.TaskRestores.Add(1, stage);
        PipelineInstruments.TaskRestoreRecords.Add(restored, stage);
        PipelineInstruments.TaskRestoreDuration.Record(clock.GetElapsedTime(started).TotalSeconds, stage);
        _logger.LogInformation(
            "Restored brand task {Task} from {Snapshot} and {Records} records of its partition (offsets {From} to {Offset})",
            TaskNames.Of(partition),
            from > 0 ? $"its snapshot ({snapshot!.Length:N0} bytes)" : "no snapshot",
            restored,
            from,
            until);
        return task;
    }

    private BrandTask NewTask(int partition)
    {
        var task = new BrandTask(partition, catalog, router, options, () => new AuthenticityClassifier(options.Authenticity), new EventDecoder(options.Limits) { RecyclesAudienceEvents = true });
        foreach (var source in sources)
        {
            task.Upstream.Expect(source);
        }

        return task;
    }

    private async Task<IReadOnlyDictionary<SourcePartition, long>> CommitAsync(List<(SourcePartition Partition, BatchResult Result, int Records)> work, BatchCommitter committer, CancellationToken cancellationToken)
    {
        await Task.WhenAll(work.Select(w => committer.CommitAsync(w.Result, cancellationToken)));
        foreach (var (partition, result, records) in work)
        {
            Progress?.Advanced(partition.Partition, result.Delta.NextOffsets[partition]); // this worker's source stage may send again
            if (result.Delta.SnapshotDropped)
            {
                _snapshotsDropped.Enqueue(partition);
            }
            Interlocked.Increment(ref _committedBatches);
            var latency = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(result.Delta.WallClockMs);
            PipelineInstruments.BatchDuration.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("stage", "brands"));
            PipelineInstruments.Watermark(result.Delta.Watermark, result.Delta.WallClockMs);
            _log.Committed(result, records, latency);
        }

        return work.ToDictionary(w => w.Partition, w => w.Result.Delta.NextOffsets[w.Partition]);
    }
}
