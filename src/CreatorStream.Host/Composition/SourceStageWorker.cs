using System.Buffers.Binary;
using Confluent.Kafka;
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
/// Stage 1 in a worker (docs/design.md, "Dataflow"): the <see cref="SourceTask"/>s of the ingest partitions this worker
/// is assigned (consumer group <c>creatorstream-sources</c>, cooperative rebalancing). Each batch: every task routes its
/// records (tasks in parallel), dead letters are written, routed events and the tasks' marks are written to the brand
/// topic and acknowledged by the broker, and only then each task commits its offset, newest event time and dead-letter
/// counts to the store (one atomic commit per task). A crash between the two writes the same records to the brand topic
/// again on restart; the brand tasks drop them by origin offset.
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
    private readonly EventDecoder _decoder = new(options.Limits);
    private readonly BatchLog _log = new(loggers.CreateLogger("CreatorStream.Worker.Batches"));

    public ConsumerLag Lag { get; init; } = new();

    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public string GroupId { get; init; } = "creatorstream-sources";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var config = kafka.Producer("creatorstream-source-stage");
        // In order and without gaps: a brand task drops what it has seen by origin offset, so a record overtaken by a later
        // one of the same source would be lost. An unrecoverable send fails the stage, which restarts from the store.
        config.EnableIdempotence = true;
        config.Set("enable.gapless.guarantee", "true");
        using var producer = new ProducerBuilder<byte[], byte[]>(config).Build();
        var deadLetters = new KafkaDeadLetterSink(producer, clock, loggers.CreateLogger<KafkaDeadLetterSink>());
        var committer = new BatchCommitter(store, deadLetters, NoWindows.Instance, alerts: null, changes: null) { Clock = clock };
        var consumer = new IngestConsumer(kafka, new IngestConsumerOptions { GroupId = GroupId, Topics = Topics.Ingest, ConfirmSilenceAfter = options.IdleTimeout / 2 }, store, clock, loggers.CreateLogger<IngestConsumer>()) { Lag = Lag };
        _tasks.Clear();
        _positions.Clear();
        _sent.Clear();
        try
        {
            await StageLoop.RunAsync("sources", consumer, Route, (work, token) => DeliverAsync(work, producer, committer, token), ShutdownTimeout, clock, cancellationToken);
        }
        finally
        {
            producer.Flush(TimeSpan.FromSeconds(5));
        }
    }

    private SourceWork Route(RecordBatch batch)
    {
        var wallClockMs = batch.WallClockMs;
        foreach (var partition in batch.Revoked)
        {
            _tasks.Remove(partition);
            _positions.Remove(partition);
            _sent.Remove(partition);
        }

        foreach (var partition in batch.Assigned)
        {
            var task = new SourceTask(partition, catalog, router, options, _decoder, wallClockMs);
            if (batch.Checkpoint.Snapshots.TryGetValue(partition, out var snapshot) && snapshot.Length == 8)
            {
                task.Restore(BinaryPrimitives.ReadInt64LittleEndian(snapshot), wallClockMs);
            }

            _tasks[partition] = task;
            _positions[partition] = batch.Checkpoint.Offsets.GetValueOrDefault(partition, StateDelta.NoOffset);
            PipelineInstruments.TaskRestores.Add(1, new KeyValuePair<string, object?>("stage", "sources"));
            _sent.Remove(partition);
        }

        // Tasks run in parallel: decoding is most of their work, and each task is used by one thread at a time.
        var groups = batch.Records.GroupBy(r => r.Source).Where(g => _tasks.ContainsKey(g.Key)).ToList();
        var resuming = groups.Count > 0 && SourceTask.AllIdle(_tasks.Values, wallClockMs, batch.Behind);
        var outputs = new (SourcePartition Partition, SourceOutput Output, long Fence, long MaxTs, int Records)[groups.Count];
        Parallel.For(0, groups.Count, i =>
        {
            var partition = groups[i].Key;
            var output = new SourceOutput(router.Partitions, wallClockMs);
            foreach (var record in groups[i])
            {
                _tasks[partition].Route(record, wallClockMs, output);
            }

            outputs[i] = (partition, output, _positions[partition], _tasks[partition].MaxTs, groups[i].Count());
        });

        foreach (var (partition, output, _, _, _) in outputs)
        {
            _positions[partition] = output.Delta.NextOffsets[partition];
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
        return new SourceWork(outputs, marks, wallClockMs);
    }

    private async Task<IReadOnlyDictionary<SourcePartition, long>> DeliverAsync(SourceWork work, IProducer<byte[], byte[]> producer, BatchCommitter committer, CancellationToken cancellationToken)
    {
        // Routed events first, then the marks that vouch for them: one producer, in order per brand partition.
        var failed = 0;
        string? error = null;
        void Report(DeliveryReport<byte[], byte[]> report)
        {
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref failed);
                error = report.Error.Reason;
            }
        }

        foreach (var (_, output, _, _, _) in work.Outputs)
        {
            for (var p = 0; p < output.ByPartition.Length; p++)
            {
                foreach (var input in output.ByPartition[p])
                {
                    producer.Produce(new TopicPartition(Topics.ByBrand, p), new Message<byte[], byte[]> { Value = BrandEnvelope.Encode(input) }, Report);
                }
            }
        }

        foreach (var mark in work.Marks)
        {
            var value = BrandEnvelope.Encode(BrandInput.Of(mark));
            for (var p = 0; p < router.Partitions; p++)
            {
                producer.Produce(new TopicPartition(Topics.ByBrand, p), new Message<byte[], byte[]> { Value = value }, Report);
            }
        }

        var unsent = await Task.Run(() => producer.Flush(TimeSpan.FromSeconds(60)), cancellationToken);
        if (unsent > 0 || failed > 0)
        {
            throw new KafkaException(new Error(ErrorCode.Local_Fail, $"{failed + unsent} records not written to {Topics.ByBrand} ({error ?? "flush timed out"}); the stage restarts from the store's offsets"));
        }

        // Each task commits alone (its own key slot); dead letters go first within each commit.
        var results = work.Outputs.Select(o => (o.Partition, Result: ToResult(o.Partition, o.Output, o.Fence, o.MaxTs), o.Records)).ToList();
        await Task.WhenAll(results.Select(r => committer.CommitAsync(r.Result, cancellationToken)));
        var latency = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(work.WallClockMs);
        foreach (var (_, result, records) in results)
        {
            PipelineInstruments.BatchDuration.Record(latency.TotalSeconds, new KeyValuePair<string, object?>("stage", "sources"));
            _log.Committed(result, records, latency);
        }

        return work.Outputs.ToDictionary(o => o.Partition, o => o.Output.Delta.NextOffsets[o.Partition]);
    }

    private BatchResult ToResult(SourcePartition partition, SourceOutput output, long fence, long maxTs)
    {
        var result = new BatchResult(output.Delta.WallClockMs);
        var delta = result.Delta;
        delta.Task = TaskNames.Of(partition);
        delta.Fence[partition] = fence;
        delta.NextOffsets[partition] = output.Delta.NextOffsets[partition];
        if (output.ByPartition.SelectMany(inputs => inputs).Select(i => i.Record.Offset).DefaultIfEmpty(-1).Max() is var routed and >= 0)
        {
            delta.RoutedThrough[partition] = routed;
        }

        foreach (var (reason, count) in output.Delta.DeadLetters)
        {
            delta.DeadLetters[reason] = count;
        }

        var snapshot = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(snapshot, maxTs); // as of this commit's offset, taken when the batch was routed
        delta.Snapshot = snapshot;
        result.DeadLetters.AddRange(output.DeadLetters);
        return result;
    }

    private sealed record SourceWork((SourcePartition Partition, SourceOutput Output, long Fence, long MaxTs, int Records)[] Outputs, List<SourceMark> Marks, long WallClockMs);
}
