using System.Buffers.Binary;
using Confluent.Kafka;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka;
using CreatorStream.Kafka.Consuming;
using CreatorStream.Kafka.Producing;
using CreatorStream.Processing.Pipeline;
using CreatorStream.Processing.Telemetry;

namespace CreatorStream.Host.Composition;

/// <summary>
/// Stage 1 in a worker (docs/design.md, "Dataflow"): the <see cref="SourceTask"/>s of the ingest partitions this worker
/// is assigned (consumer group <c>creatorstream-sources</c>, cooperative rebalancing). Each batch: every task routes its
/// records (tasks in parallel), dead letters are written, routed events and the tasks' marks are written to the brand
/// topic and acknowledged by the broker, and only then each task commits its offset, newest event time and dead-letter
/// counts to the store (one atomic commit per task). A crash between the two writes the same records to the brand topic
/// again on restart; the brand tasks drop them by origin offset.
/// <para>A batch is sent as soon as it is routed, on the consume thread, while earlier batches still wait for their
/// delivery reports and commits: sending, flushing and committing each batch in turn kept every batch waiting behind the
/// one before, about 150 ms at any rate (docs/benchmarks.md, session 13). The idempotent producer with the gapless
/// guarantee keeps the brand topic in batch order without holes. Before sending, the stage waits while the brand stage
/// is more than <see cref="MaxBrandBacklog"/> records behind in a partition (<see cref="BrandBacklog"/>), so the brand
/// topic never outgrows its retention unread.</para>
/// </summary>
internal sealed class SourceStageWorker(
    KafkaClientSettings kafka,
    CampaignCatalog catalog,
    ProcessorOptions options,
    IStateStore store,
    BrandRouter router,
    TimeProvider clock,
    ILoggerFactory loggers)
{
    /// <summary>A task whose mark has not changed re-sends it this often, so a brand task that restarted hears it.</summary>
    private static readonly TimeSpan MarkHeartbeat = TimeSpan.FromSeconds(2);

    private readonly Dictionary<SourcePartition, SourceTask> _tasks = [];
    private readonly Dictionary<SourcePartition, long> _positions = [];
    private readonly Dictionary<SourcePartition, (SourceMark Mark, long SentAtMs)> _sent = [];

    // Kept from batch to batch and refilled (docs/benchmarks.md, session 15): the batch grouped per partition, and per
    // task what it routed. A task's output is read by the batch's send only, which runs before the next batch is routed;
    // its commit is made from it while routing (ToResult), so nothing of it is needed later.
    private PartitionGroups _groups = new();
    private Dictionary<SourcePartition, SourceOutput> _outputs = [];
    private readonly TopicPartition[] _brandPartitions = [.. Enumerable.Range(0, router.Partitions).Select(p => new TopicPartition(Topics.ByBrand, p))];
    // Its audience events go back to their pools once their envelopes are made (Send): the brand stage decodes its own
    // from the envelopes' bytes, so nothing reads these after that (docs/design.md, "Per-event cost").
    private readonly EventDecoder _decoder = new(options.Limits) { RecyclesAudienceEvents = true };
    private readonly BatchLog _log = new(loggers.CreateLogger("CreatorStream.Worker.Batches"));
    private readonly ILogger _logger = loggers.CreateLogger<SourceStageWorker>();

    public ConsumerLag Lag { get; init; } = new();

    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string GroupId { get; init; } = "creatorstream-sources";

    /// <summary>The ingest topics to read: those the cluster has (see <see cref="WorkerPipeline"/>). Default every ingest topic.</summary>
    public IReadOnlyList<string> IngestTopics { get; init; } = Topics.Ingest;

    /// <summary>The brand stage's consumer group, whose committed offsets say how far behind it is; null: no backpressure (tests of this stage alone).</summary>
    public string? BrandGroupId { get; init; }

    /// <summary>
    /// Unread records a brand partition may hold before the source stage waits; one batch more may follow the last check.
    /// Default 10,000: with a batch (5,000) about 2-3 MiB of the brand topic, inside the embedded broker's 5 MiB a
    /// partition, and still seconds of traffic across the partitions, so throughput is not held below the brand stage's.
    /// </summary>
    public long MaxBrandBacklog { get; init; } = 10_000;

    /// <summary>
    /// Unread frames, any worker's, a brand partition may hold before the stage waits. Default 64: at most 4 MiB of full
    /// frames, inside the embedded broker's 5 MiB a partition however many workers write to it, and a second or more of
    /// batches, so a brand stage that keeps up never reaches it.
    /// </summary>
    public long MaxBrandBacklogFrames { get; init; } = 64;

    /// <summary>
    /// What this worker's brand stage has committed, told as it happens, so a hold ends as soon as the brand stage has read
    /// what it waits for rather than when Kafka's committed offsets show it (<see cref="BrandProgress"/>). Null: Kafka's alone.
    /// </summary>
    public BrandProgress? Progress { get; init; }

    /// <summary>How long a batch's records may take to reach the brand topic before the stage gives up and restarts.</summary>
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How often a held stage asks Kafka for the brand group's committed offsets (this worker's brand stage's it is told at once).</summary>
    private static readonly TimeSpan BacklogPoll = TimeSpan.FromMilliseconds(50);

    /// <summary>The linger of the stage's producer unless <c>--kafka-config</c> sets one (docs/design.md, "Environment").</summary>
    internal const int FrameLingerMs = 1;

    /// <summary>The settings of the producer that writes the brand topic's frames.</summary>
    internal static ProducerConfig ProducerConfig(KafkaClientSettings kafka)
    {
        var config = kafka.Producer("creatorstream-source-stage");
        // In order and without gaps: a brand task drops what it has seen by origin offset, so a record overtaken by a later
        // one of the same source would be lost. An unrecoverable send fails the stage, which restarts from the store.
        config.EnableIdempotence = true;
        config.Set("enable.gapless.guarantee", "true");

        // A batch's frames are sent together once it is routed, each already about a hundred records (decision 0034), and
        // nothing more comes until the next batch: the 20 ms linger of other producers only held them back. At 1 ms the
        // store's p50 fell from about 97 to 68 ms at 25,000 records/s for the same CPU (docs/benchmarks.md, session 61).
        if (!kafka.Extra.ContainsKey("linger.ms") && !kafka.Extra.ContainsKey("queue.buffering.max.ms"))
        {
            config.LingerMs = FrameLingerMs;
        }

        // Its delivery reports are read for their error, partition and offset only: not marshalling each record's key,
        // value, timestamp and headers back saves a headers list and more per record (docs/benchmarks.md, session 14).
        // It must stay so: a frame's array takes the next frame of its length once Produce returns (FrameArrays), so a
        // report's Message.Value, were it kept, would show a later frame's bytes.
        config.DeliveryReportFields = "none";
        return config;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(ProducerConfig(kafka)).Build();
        var deadLetters = new KafkaDeadLetterSink(producer, clock, loggers.CreateLogger<KafkaDeadLetterSink>());
        var committer = new BatchCommitter(store, deadLetters, NoWindows.Instance, alerts: null, changes: null) { Clock = clock };
        var consumer = new IngestConsumer(kafka, new IngestConsumerOptions { GroupId = GroupId, Topics = IngestTopics, ConfirmSilenceAfter = options.IdleTimeout / 2, ReuseBatchList = true, LendBytes = true }, store, clock, loggers.CreateLogger<IngestConsumer>()) { Lag = Lag };
        _tasks.Clear();
        _positions.Clear();
        _sent.Clear();

        // New buffers for a new run (a restart after a fenced commit): the failed run's consume thread may not have
        // stopped yet, and must not share them.
        _groups = new();
        _outputs = [];
        try
        {
            var backlog = BrandGroupId is null ? null : new BrandBacklog(router.Partitions, MaxBrandBacklog, MaxBrandBacklogFrames);
            BrandFrame[] frames = [.. Enumerable.Range(0, router.Partitions).Select(_ => new BrandFrame())]; // this run's, filled and emptied by each send
            var arrays = new FrameArrays(); // what each frame is sent in: the producer copies it before Produce returns
            using var brandOffsets = BrandGroupId is null ? null : new ConsumerBuilder<byte[], byte[]>(kafka.Consumer(BrandGroupId, "creatorstream-source-backlog")).Build();
            await StageLoop.RunAsync(
                consumer,
                batch => Send(Route(batch), producer, frames, arrays, backlog, brandOffsets, cancellationToken),
                (work, token) => DeliverAsync(work, committer, token),
                ShutdownTimeout,
                clock,
                cancellationToken);
        }
        finally
        {
            producer.Flush(TimeSpan.FromSeconds(5));
        }
    }

    private SourceWork Route(RecordBatch batch)
    {
        PipelineInstruments.BatchRecords.Record(batch.Records.Count, new KeyValuePair<string, object?>("stage", "sources"));
        PipelineInstruments.RecordAge(batch, "sources");
        var wallClockMs = batch.WallClockMs;
        var (groups, outputs) = (_groups, _outputs); // this run's buffers, even if a restart replaces the fields meanwhile
        foreach (var partition in batch.Revoked)
        {
            _tasks.Remove(partition);
            _positions.Remove(partition);
            _sent.Remove(partition);
            outputs.Remove(partition);
            groups.Forget(partition);
        }

        foreach (var partition in batch.Assigned)
        {
            var task = new SourceTask(partition, catalog, router, options, _decoder, wallClockMs);
            if (batch.Checkpoint.Snapshots.TryGetValue(partition, out var snapshot) && snapshot.Length == 8)
            {
                task.Restore(BinaryPrimitives.ReadInt64LittleEndian(snapshot.ToArray()), wallClockMs);
            }

            _tasks[partition] = task;
            _positions[partition] = batch.Checkpoint.Offsets.GetValueOrDefault(partition, StateDelta.NoOffset);
            PipelineInstruments.TaskRestores.Add(1, new KeyValuePair<string, object?>("stage", "sources"));
            _sent.Remove(partition);
            outputs[partition] = new SourceOutput(router.Partitions, wallClockMs);
        }

        // Tasks run in parallel: decoding is most of their work, and each task is used by one thread at a time.
        groups.Fill(batch.Records, _tasks);
        var partitions = groups.Partitions;
        var resuming = partitions.Count > 0 && SourceTask.AllIdle(_tasks.Values, wallClockMs, batch.Behind);
        var routed = new (SourcePartition Partition, SourceOutput Output, BatchResult Result, int Records)[partitions.Count];
        Parallel.For(0, partitions.Count, i =>
        {
            var partition = partitions[i];
            var task = _tasks[partition];
            var output = outputs[partition];
            output.Clear(wallClockMs);
            var records = groups[partition];
            for (var r = 0; r < records.Count; r++)
            {
                task.Route(records[r], wallClockMs, output);
            }

            routed[i] = (partition, output, ToResult(partition, output, _positions[partition], task.MaxTs), records.Count);
        });

        foreach (var (partition, _, result, _) in routed)
        {
            _positions[partition] = result.Delta.NextOffsets[partition];
        }

        if (resuming)
        {
            SourceTask.GiveIdleTimeoutAgain(_tasks.Values, wallClockMs);
        }

        var marks = new List<SourceMark>();
        foreach (var (partition, task) in _tasks)
        {
            var mark = task.Mark(Math.Max(0, _positions[partition]), wallClockMs, batch.Behind.Contains(partition));
            if (!_sent.TryGetValue(partition, out var sent) || sent.Mark with { Position = 0 } != mark with { Position = 0 } || wallClockMs - sent.SentAtMs >= MarkHeartbeat.TotalMilliseconds)
            {
                marks.Add(mark);
                _sent[partition] = (mark, wallClockMs);
            }
        }

        marks.Sort(SourceMark.ApplyOrder);
        return new SourceWork(routed, marks, wallClockMs);
    }

    /// <summary>
    /// Sends a routed batch to the brand topic at once, in batch order: routed events first, then the marks that vouch
    /// for them, one producer, in order per brand partition, in frames (<see cref="BrandFrame"/>: a record of the topic
    /// per brand partition and batch, more when one passes its size); first waiting while the brand stage is too far
    /// behind. Its commit waits for the delivery reports (<see cref="DeliverAsync"/>), not its sending.
    /// </summary>
    private SourceWork Send(SourceWork work, IProducer<byte[], byte[]> producer, BrandFrame[] frames, FrameArrays arrays, BrandBacklog? backlog, IConsumer<byte[], byte[]>? brandOffsets, CancellationToken cancellationToken)
    {
        if (backlog is not null && brandOffsets is not null)
        {
            HoldWhileBehind(backlog, brandOffsets, cancellationToken);
        }

        var delivery = work.Delivery;
        void Produce(int partition)
        {
            var frame = frames[partition];
            var records = frame.Count;
            delivery.Sending(records);
            backlog?.Sending(partition, records);
            producer.Produce(_brandPartitions[partition], new Message<byte[], byte[]> { Value = frame.Take(arrays) }, report =>
            {
                if (report.Error.IsError)
                {
                    backlog?.Failed(partition, records);
                }
                else
                {
                    backlog?.Delivered(partition, report.Offset.Value, records);
                }

                delivery.Report(report, records);
            });
        }

        void Add(int partition, BrandInput input)
        {
            if (!frames[partition].TryAdd(input))
            {
                Produce(partition); // full: sent, and the input starts the next frame
                frames[partition].Add(input);
            }
        }

        // One frame per brand partition for the batch (more if one would pass its size): the routed events in batch
        // order, then the marks that vouch for them.
        foreach (var (_, output, _, _) in work.Outputs)
        {
            for (var p = 0; p < output.ByPartition.Length; p++)
            {
                foreach (var input in output.ByPartition[p])
                {
                    Add(p, input);
                    if (input.Decoded is { } routed)
                    {
                        DecodedEvents.Release(routed); // the frame holds the record's bytes; the event is not read again
                    }
                }
            }
        }

        foreach (var mark in work.Marks)
        {
            var input = BrandInput.Of(mark);
            for (var p = 0; p < router.Partitions; p++)
            {
                Add(p, input);
            }
        }

        for (var p = 0; p < frames.Length; p++)
        {
            if (frames[p].Count > 0)
            {
                Produce(p);
            }
        }

        delivery.Seal();
        return work;
    }

    /// <summary>
    /// Waits on the consume thread (so nothing more is read) while a brand partition holds more unread records than
    /// allowed, asking Kafka for the brand group's committed offsets every <see cref="BacklogPoll"/>; a stop ends the wait.
    /// </summary>
    private void HoldWhileBehind(BrandBacklog backlog, IConsumer<byte[], byte[]> brandOffsets, CancellationToken cancellationToken)
    {
        TellProgress(backlog);
        if (backlog.Over() is null)
        {
            return;
        }

        var partitions = Enumerable.Range(0, backlog.Partitions).Select(p => new TopicPartition(Topics.ByBrand, p)).ToList();

        var started = clock.GetTimestamp();
        var told = started;
        long? asked = Progress is null ? null : started; // when Kafka was last asked: with this worker's commits told, first after a poll's wait
        while (backlog.Over() is { } over && !cancellationToken.IsCancellationRequested)
        {
            if (asked is not { } at || clock.GetElapsedTime(at) >= BacklogPoll)
            {
                asked = clock.GetTimestamp();
                try
                {
                    foreach (var committed in brandOffsets.Committed(partitions, TimeSpan.FromSeconds(5)))
                    {
                        backlog.Committed(committed.Partition.Value, committed.Offset.Value);
                    }
                }
                catch (KafkaException e)
                {
                    _logger.LogDebug("The brand group's committed offsets could not be read: {Reason}", e.Error.Reason);
                }

                if (backlog.Over() is null)
                {
                    break;
                }
            }

            if (clock.GetElapsedTime(told) >= TimeSpan.FromSeconds(10))
            {
                told = clock.GetTimestamp();
                _logger.LogWarning(
                    "Holding the source stage for {Seconds:F0} s: brand partition {Partition} has {Unread} records of this worker's and {Frames} frames the brand stage has not committed (at most {Max} records, {MaxFrames} frames)",
                    clock.GetElapsedTime(started).TotalSeconds,
                    over.Partition,
                    over.Unread,
                    over.Frames,
                    backlog.MaxAhead,
                    backlog.MaxFramesAhead);
            }

            // This worker's brand stage tells its commits as they happen; other workers' are known only from Kafka.
            if (Progress is { } progress)
            {
                progress.WaitForAdvance(BacklogPoll, cancellationToken);
                TellProgress(backlog);
            }
            else
            {
                cancellationToken.WaitHandle.WaitOne(BacklogPoll);
            }
        }

        PipelineInstruments.SourceHeld.Add(clock.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Gives the backlog what this worker's brand stage has committed (<see cref="Progress"/>), if it is told.</summary>
    private void TellProgress(BrandBacklog backlog)
    {
        if (Progress is not { } progress)
        {
            return;
        }

        for (var p = 0; p < backlog.Partitions; p++)
        {
            if (progress.NextOf(p) is var next and >= 0)
            {
                backlog.Committed(p, next);
            }
        }
    }

    private async Task<IReadOnlyDictionary<SourcePartition, long>> DeliverAsync(SourceWork work, BatchCommitter committer, CancellationToken cancellationToken)
    {
        // The batch's records must be on the brand topic before its offsets and marks are committed.
        var delivery = work.Delivery;
        var late = false;
        try
        {
            await delivery.Done.WaitAsync(DeliveryTimeout, clock, cancellationToken);
        }
        catch (TimeoutException)
        {
            late = true;
        }

        if (late || delivery.Failed > 0)
        {
            var lost = delivery.Failed + (late ? delivery.Pending : 0);
            throw new KafkaException(new Error(ErrorCode.Local_Fail, $"{lost} records not written to {Topics.ByBrand} ({delivery.Error ?? $"not delivered within {DeliveryTimeout.TotalSeconds:0} s"}); the stage restarts from the store's offsets"));
        }

        // Each task commits alone (its own key slot); dead letters go first within each commit. The outputs were reused
        // by later batches by now: their commits were made when they were routed.
        await Task.WhenAll(work.Outputs.Select(o => committer.CommitAsync(o.Result, cancellationToken)));
        var latency = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(work.WallClockMs);
        foreach (var (_, _, result, records) in work.Outputs)
        {
            PipelineInstruments.BatchDuration.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("stage", "sources"));
            _log.Committed(result, records, latency);
        }

        return work.Outputs.ToDictionary(o => o.Partition, o => o.Result.Delta.NextOffsets[o.Partition]);
    }

    private BatchResult ToResult(SourcePartition partition, SourceOutput output, long fence, long maxTs)
    {
        var result = new BatchResult(output.WallClockMs);
        var delta = result.Delta;
        delta.Task = TaskNames.Of(partition);
        delta.Fence[partition] = fence;
        delta.NextOffsets[partition] = output.NextOffsets[partition];
        var routed = -1L;
        foreach (var inputs in output.ByPartition)
        {
            if (inputs.Count > 0)
            {
                routed = Math.Max(routed, inputs[^1].Record.Offset); // a task routes its records in offset order
            }
        }

        if (routed >= 0)
        {
            delta.RoutedThrough[partition] = routed;
        }

        foreach (var (reason, count) in output.DeadLetterCounts)
        {
            delta.DeadLetters[reason] = count;
        }

        var snapshot = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(snapshot, maxTs); // as of this commit's offset, taken when the batch was routed
        delta.Snapshot = snapshot;
        result.DeadLetters.AddRange(output.DeadLetters);
        return result;
    }

    /// <summary>A routed batch: per task its output (valid until the next batch is routed: only the send reads it) and its commit.</summary>
    private sealed record SourceWork((SourcePartition Partition, SourceOutput Output, BatchResult Result, int Records)[] Outputs, List<SourceMark> Marks, long WallClockMs)
    {
        public BrandTopicDelivery Delivery { get; } = new();
    }
}
