using System.Collections.Concurrent;
using System.Reactive.Linq;
using Confluent.Kafka;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Kafka.Telemetry;
using Microsoft.Extensions.Logging;
using RecordConsumer = Confluent.Kafka.IConsumer<System.ReadOnlyMemory<byte>, System.ReadOnlyMemory<byte>>;

namespace CreatorStream.Kafka.Consuming;

/// <summary>
/// The Kafka edge of the worker: a consume loop in the style of the Confluent examples, on its own thread,
/// turning the four ingest topics into micro-batches of raw records (<see cref="Batches()"/>).
/// <para>Delivery: offsets are stored for commit only in <see cref="Acknowledge"/>, which the pipeline calls
/// after the batch's state, offsets and dead letters are durable. On partition assignment the loop seeks to the
/// offsets kept with the state (docs/design.md, "Event time"), so the store, not Kafka's group offsets, decides where a
/// worker resumes. At most <see cref="IngestConsumerOptions.MaxInFlightBatches"/> batches are unacknowledged.</para>
/// <para>Stopping: a graceful stop (the token given to <see cref="Batches(CancellationToken)"/>) takes no new batch, waits
/// for the batches in flight to be acknowledged, commits their offsets to Kafka and closes; disposing the subscription
/// is the hard stop, which gives up waiting (uncommitted records are re-read on restart).</para>
/// </summary>
public sealed class IngestConsumer(
    KafkaClientSettings settings,
    IngestConsumerOptions options,
    IStateStore store,
    TimeProvider clock,
    ILogger<IngestConsumer> logger)
{
    private readonly ConcurrentQueue<IReadOnlyDictionary<SourcePartition, long>> _acknowledged = new();
    private readonly SemaphoreSlim _inFlight = new(options.MaxInFlightBatches, options.MaxInFlightBatches);
    private NativePoll? _poll; // the loop's direct poll, which also stores its offsets; null where the client has none
    private Action<SourcePartition, string>? _notStored;

    // Set by the rebalance handlers, which librdkafka runs on the consume thread inside its poll; read by that thread.
    private List<SourcePartition> _assigned = [];
    private List<SourcePartition> _revoked = [];
    private Checkpoint _checkpoint = Checkpoint.Empty;

    // The batch being collected; a revocation mid-collect drops its records of the revoked partitions (their new owner
    // reads them from the stored offsets).
    private List<InboundRecord> _collecting = [];
    private List<InboundRecord>? _reused; // with ReuseBatchList, the one list every batch is collected into
    private readonly string? _onlyTopic = options.Topics.Count == 1 ? options.Topics[0] : null;
    private int _lastBatchRecords;
    private readonly RecordBytes _bytes = !options.LendBytes ? RecordBytes.Own()
        : options.ReuseBatchList ? RecordBytes.Lend()
        : throw new ArgumentException("lending a batch's bytes needs its observer done with the batch when OnNext returns (ReuseBatchList)", nameof(options));

    // Next offset durable in the store per partition (acknowledged, or the checkpoint read on assignment): the lag's base
    // and what a graceful stop commits to Kafka. Consume thread only.
    private readonly Dictionary<SourcePartition, long> _durable = [];
    private long _lagMeasuredAt;

    // For ConfirmSilenceAfter (consume thread only): when each assigned partition last delivered a record, the offset after
    // it, and the silent partitions the broker has not confirmed to be at their log's end.
    private readonly Dictionary<SourcePartition, (long At, long Next)> _delivered = [];
    private readonly Dictionary<SourcePartition, long> _skippedThrough = []; // kept across revocations: see Skipped
    private long _skipped;
    private IReadOnlySet<SourcePartition> _behind = new HashSet<SourcePartition>();
    private (IReadOnlyDictionary<SourcePartition, long> ReadTo, long At) _confirmed = (new Dictionary<SourcePartition, long>(), 0);
    private Task<(IReadOnlyDictionary<SourcePartition, long> ReadTo, long At)>? _endCheck;
    private long _endsCheckedAt;

    // Cancelled on a graceful stop (no new batches) and on the hard stop (give up waiting); read by the rebalance handlers.
    private CancellationToken _stopping;
    private CancellationToken _hardStop;

    /// <summary>Partitions assigned to this worker, as the consume thread last saw them (for readiness and tests).</summary>
    public IReadOnlyCollection<TopicPartition> Assignment { get; private set; } = [];

    /// <summary>Lag per assigned partition, refreshed about once a second (readiness and <c>/metrics</c>).</summary>
    public ConsumerLag Lag { get; init; } = new();

    /// <summary>Records skipped so far because they were gone from the log before they were read (<see cref="IngestConsumerOptions.ContiguousOffsets"/>).</summary>
    public long SkippedRecords => Interlocked.Read(ref _skipped);

    /// <summary>
    /// A cold stream of batches: subscribing starts the loop on a dedicated thread, disposing stops it and closes
    /// the consumer (leaving the group cleanly). Every batch emitted must be passed to <see cref="Acknowledge"/>.
    /// </summary>
    public IObservable<RecordBatch> Batches() => Batches(CancellationToken.None);

    /// <summary>
    /// As <see cref="Batches()"/>; cancelling <paramref name="stopping"/> stops gracefully: no new batch, the batches in
    /// flight acknowledged, their offsets committed to Kafka, the consumer closed, then the stream completes.
    /// </summary>
    public IObservable<RecordBatch> Batches(CancellationToken stopping) =>
        Observable.Create<RecordBatch>((observer, cancellationToken) => Task.Factory.StartNew(
            () => Loop(observer, stopping, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default));

    /// <summary>Marks a batch durable (its next offsets per partition): they may be committed to Kafka, and the loop may take another.</summary>
    public void Acknowledge(IReadOnlyDictionary<SourcePartition, long> committed)
    {
        _acknowledged.Enqueue(committed);
        _inFlight.Release();
    }

    private void Loop(IObserver<RecordBatch> observer, CancellationToken stopping, CancellationToken cancellationToken)
    {
        (_stopping, _hardStop) = (stopping, cancellationToken);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancellationToken);
        var config = settings.Consumer(options.GroupId, $"creatorstream-worker-{Environment.ProcessId}");

        // A record is read for its topic, partition, offset, key, value and timestamp (TopicTypes.ToRecord): headers are
        // never used here, and not marshalling them saves a headers list per record (docs/benchmarks.md, session 14). A
        // consumer of one topic (the brand stage's) is not told the topic either: it was a string made per record
        // (session 15).
        config.ConsumeResultFields = _onlyTopic is null ? "topic,timestamp" : "timestamp";
        if (options.AutoCommitInterval is { } interval)
        {
            config.AutoCommitIntervalMs = (int)interval.TotalMilliseconds;
        }

        if (options.Cooperative)
        {
            config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky;
        }

        // With cooperative rebalancing the handlers see only what changes: the partitions added, the partitions taken.
        using var consumer = new ConsumerBuilder<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>(config)
            .SetKeyDeserializer(_bytes)
            .SetValueDeserializer(_bytes)
            .SetPartitionsAssignedHandler((c, partitions) => SeekToStoredOffsets(c, partitions))
            .SetPartitionsRevokedHandler((c, revoked) => OnRevoked(c, revoked))
            .SetPartitionsLostHandler((c, lost) => OnRevoked(c, lost))
            .SetErrorHandler((_, error) => logger.LogWarning("Kafka client error {Code}: {Reason} (fatal: {Fatal})", error.Code, error.Reason, error.IsFatal))
            .Build();
        var poll = _poll = NativePoll.For(consumer, _bytes, _onlyTopic);
        if (poll is null)
        {
            logger.LogWarning("This Confluent.Kafka client cannot be polled directly (decision 0036): messages are read through Consume, with its objects for each");
        }

        consumer.Subscribe(options.Topics);
        var lastEmit = clock.GetTimestamp();
        try
        {
            while (!either.IsCancellationRequested)
            {
                StoreAcknowledgedOffsets(consumer);
                MeasureLag(consumer);
                CheckSilentPartitions(consumer);
                if (!_inFlight.Wait(TimeSpan.FromMilliseconds(100), either.Token))
                {
                    continue;
                }

                List<InboundRecord> records;
                try
                {
                    records = Collect(consumer, poll, either.Token);
                }
                catch
                {
                    _inFlight.Release(); // nothing was emitted: a stop drains only what the pipeline holds
                    throw;
                }

                KafkaInstruments.CountIn(records);
                if (records.Count > 0 || _assigned.Count > 0 || _revoked.Count > 0 || clock.GetElapsedTime(lastEmit) >= options.IdleTick)
                {
                    lastEmit = clock.GetTimestamp();
                    observer.OnNext(new RecordBatch(records, clock.GetUtcNow().ToUnixTimeMilliseconds()) { Assigned = _assigned, Revoked = _revoked, Checkpoint = _checkpoint, Behind = _behind });
                    (_assigned, _revoked, _checkpoint) = ([], [], Checkpoint.Empty);
                }
                else
                {
                    _inFlight.Release();
                }
            }
        }
        catch (OperationCanceledException) when (either.IsCancellationRequested)
        {
            // Stopping: fall through to drain and close.
        }
        catch (ConsumeException e) when (e.Error.IsFatal)
        {
            logger.LogError(e, "Fatal Kafka consume error; the worker stops");
            observer.OnError(e);
            return;
        }
        finally
        {
            Drain(consumer, cancellationToken);
            _endCheck?.Wait(options.EndOffsetTimeout * 2); // a question to the broker still out must not outlive the consumer
            consumer.Close();
            Lag.Clear();
        }

        observer.OnCompleted();
    }

    /// <summary>
    /// Runs on the consume thread when partitions are taken away: waits (bounded) until every batch already handed to
    /// the pipeline is committed, so the new owner finds the store's offsets final and no commit of this worker follows
    /// its takeover (the store's fence refuses one anyway), and drops uncommitted records of those partitions.
    /// </summary>
    private void OnRevoked(RecordConsumer consumer, List<TopicPartitionOffset> revoked)
    {
        var gone = revoked.Select(tp => PartitionOf(tp.TopicPartition)).ToHashSet();
        _collecting.RemoveAll(r => gone.Contains(r.Source));
        var deadline = clock.GetTimestamp();
        while (_inFlight.CurrentCount < options.MaxInFlightBatches - 1 && clock.GetElapsedTime(deadline) < options.RevokeDrainTimeout && !_hardStop.IsCancellationRequested)
        {
            Thread.Sleep(10);
        }

        StoreAcknowledgedOffsets(consumer);
        _assigned.RemoveAll(gone.Contains); // assigned and taken again before a batch told the pipeline
        _revoked.AddRange(gone);
        foreach (var partition in gone)
        {
            Lag.Remove(partition);
            _durable.Remove(partition);
            _delivered.Remove(partition);
        }

        Assignment = [.. consumer.Assignment.Except(revoked.Select(r => r.TopicPartition))];
        logger.LogInformation("Revoked {Count} partitions: {Partitions}", revoked.Count, Describe(gone));
    }

    private List<InboundRecord> Collect(RecordConsumer consumer, NativePoll? poll, CancellationToken cancellationToken)
    {
        // Sized as the last batch was (a list grown from empty for every batch was most of what the consume loop
        // allocated), at most 512 records' room at first, so the array stays out of the large-object heap.
        List<InboundRecord> records;
        if (options.ReuseBatchList)
        {
            records = _reused ??= new List<InboundRecord>(Math.Min(512, options.MaxBatchRecords));
            records.Clear();
        }
        else
        {
            records = new List<InboundRecord>(Math.Clamp(_lastBatchRecords, 16, Math.Min(512, options.MaxBatchRecords)));
        }

        _collecting = records;
        if (_bytes.Lends)
        {
            _bytes.Reclaim(); // the last batch's OnNext has returned: its bytes may be written over
        }

        var started = clock.GetTimestamp();
        long bytes = 0;
        while (records.Count < options.MaxBatchRecords && bytes < options.MaxBatchBytes && !cancellationToken.IsCancellationRequested)
        {
            var remaining = options.MaxBatchWait - clock.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            if (!Next(consumer, poll, remaining, out var next))
            {
                break;
            }

            if (next is { } record)
            {
                if (options.ContiguousOffsets && _delivered.TryGetValue(record.Source, out var last) && last.Next >= 0 && record.Offset > last.Next)
                {
                    Skipped(record.Source, last.Next, record.Offset);
                }

                records.Add(record);
                bytes += record.Value.Length;
                _delivered[record.Source] = (clock.GetTimestamp(), record.Offset + 1);
            }
        }

        _lastBatchRecords = records.Count;
        return records;
    }

    // The next message, from librdkafka directly where the client allows it (NativePoll), else through Consume: false when
    // none came in time; a null record for a partition's end or another topic.
    private bool Next(RecordConsumer consumer, NativePoll? poll, TimeSpan timeout, out InboundRecord? record)
    {
        if (poll is not null)
        {
            return poll.Next(timeout, out record);
        }

        var result = consumer.Consume(timeout);
        record = result is { IsPartitionEOF: false } ? TopicTypes.ToRecord(result, _onlyTopic ?? result.Topic) : null;
        return result is not null;
    }

    private void Skipped(SourcePartition partition, long expected, long offset)
    {
        // A gap is seen before its batch is durable: a re-read after a crash or a revocation sees it again. Within this
        // process each offset is counted once (another worker re-reading it counts it again: the count is an alarm, and
        // an upper bound across workers).
        var from = Math.Max(expected, _skippedThrough.GetValueOrDefault(partition, long.MinValue));
        if (offset <= from)
        {
            return;
        }

        _skippedThrough[partition] = offset;
        Interlocked.Add(ref _skipped, offset - from);
        KafkaInstruments.SkippedRecords.Add(offset - from, new KeyValuePair<string, object?>("topic", partition.Topic), new KeyValuePair<string, object?>("partition", partition.Partition));
        logger.LogError(
            "{Partition}: records {Expected} to {Last} were skipped, gone from the log before they were read (retention too short for how far this stage is behind); what they held is missing from the figures",
            partition,
            from,
            offset - 1);
    }

    private void StoreAcknowledgedOffsets(RecordConsumer consumer)
    {
        while (_acknowledged.TryDequeue(out var offsets))
        {
            foreach (var (partition, next) in offsets)
            {
                _durable[partition] = next;
            }

            if (_poll is { } poll)
            {
                poll.StoreOffsets(offsets, _notStored ??= NotStored); // in one call, without Confluent.Kafka's objects
                continue;
            }

            foreach (var (partition, next) in offsets)
            {
                try
                {
                    consumer.StoreOffset(new TopicPartitionOffset(partition.Topic, partition.Partition, next));
                }
                catch (KafkaException e)
                {
                    NotStored(partition, e.Error.Reason);
                }
            }
        }
    }

    // The partition moved to another worker meanwhile: the offset is safe in the state store, which is where the new
    // owner resumes from.
    private void NotStored(SourcePartition partition, string reason) =>
        logger.LogDebug("Offset for {Partition} not stored: {Reason}", partition, reason);

    /// <summary>
    /// On the way out: waits until every batch handed to the pipeline is acknowledged (a graceful stop), or not at all
    /// (the hard stop), then commits the durable offsets to Kafka so the group's offsets agree with the store's.
    /// </summary>
    private void Drain(RecordConsumer consumer, CancellationToken hardStop)
    {
        var inFlight = options.MaxInFlightBatches - _inFlight.CurrentCount;
        if (inFlight > 0 && !hardStop.IsCancellationRequested)
        {
            logger.LogInformation("Stopping: waiting for {Batches} batches in flight to commit", inFlight);
        }

        while (_inFlight.CurrentCount < options.MaxInFlightBatches && !hardStop.IsCancellationRequested)
        {
            StoreAcknowledgedOffsets(consumer);
            Thread.Sleep(10);
        }

        StoreAcknowledgedOffsets(consumer);
        var owned = consumer.Assignment.Select(PartitionOf).ToHashSet();
        var offsets = _durable.Where(d => owned.Contains(d.Key)).Select(d => new TopicPartitionOffset(d.Key.Topic, d.Key.Partition, d.Value)).ToList();
        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Commit(offsets);
            logger.LogInformation("Committed offsets of {Count} partitions to Kafka ({Uncommitted} batches left uncommitted)", offsets.Count, options.MaxInFlightBatches - _inFlight.CurrentCount);
        }
        catch (KafkaException e)
        {
            // The store holds the offsets that count; Kafka's group offsets are for tools (lag monitors) only.
            logger.LogWarning("Offsets not committed to Kafka on stop: {Reason}", e.Error.Reason);
        }
    }

    /// <summary>Refreshes <see cref="Lag"/> about once a second from librdkafka's cached high watermarks (no request to the broker).</summary>
    private void MeasureLag(RecordConsumer consumer)
    {
        if (clock.GetElapsedTime(_lagMeasuredAt) < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _lagMeasuredAt = clock.GetTimestamp();
        foreach (var tp in consumer.Assignment)
        {
            var partition = PartitionOf(tp);
            var watermarks = consumer.GetWatermarkOffsets(tp);
            if (watermarks.High == Offset.Unset)
            {
                continue;
            }

            var next = _durable.TryGetValue(partition, out var durable) ? durable : Math.Max(0, watermarks.Low.Value);
            Lag.Set(partition, watermarks.High.Value - next);
        }
    }

    /// <summary>
    /// For <see cref="IngestConsumerOptions.ConfirmSilenceAfter"/>, once per idle tick: reports as
    /// <see cref="RecordBatch.Behind"/> every partition silent that long that the broker has not recently confirmed to be
    /// read to its end, and starts the next confirmation off this thread (one ListOffsets request per leader; a broker that
    /// does not answer must not stall the healthy partitions). A confirmation holds while the partition delivers nothing
    /// more, and expires: with no answer (a broker down) every silent partition soon counts as behind again.
    /// </summary>
    private void CheckSilentPartitions(RecordConsumer consumer)
    {
        if (options.ConfirmSilenceAfter is not { } after || clock.GetElapsedTime(_endsCheckedAt) < options.IdleTick)
        {
            return;
        }

        _endsCheckedAt = clock.GetTimestamp();
        if (_endCheck is { IsCompleted: true } done)
        {
            _confirmed = done.Result;
            _endCheck = null;
        }

        var freshFor = (options.IdleTick * 2) + options.EndOffsetTimeout;
        var silent = new List<(TopicPartition Tp, SourcePartition Partition, long Next)>();
        var behind = new HashSet<SourcePartition>();
        foreach (var tp in consumer.Assignment)
        {
            var partition = PartitionOf(tp);
            var delivered = _delivered.GetValueOrDefault(partition, (clock.GetTimestamp(), -1));
            if (clock.GetElapsedTime(delivered.At) < after)
            {
                continue;
            }

            silent.Add((tp, partition, delivered.Next));
            if (!(_confirmed.ReadTo.TryGetValue(partition, out var next) && next == delivered.Next && clock.GetElapsedTime(_confirmed.At) <= freshFor))
            {
                behind.Add(partition);
            }
        }

        _behind = behind;
        if (_endCheck is null && silent.Count > 0)
        {
            _endCheck = Task.Run(() => ConfirmEnds(consumer, silent));
        }
    }

    /// <summary>Which of the <paramref name="silent"/> partitions the broker says are read to their end (a thread-safe query).</summary>
    private (IReadOnlyDictionary<SourcePartition, long> ReadTo, long At) ConfirmEnds(RecordConsumer consumer, List<(TopicPartition Tp, SourcePartition Partition, long Next)> silent)
    {
        var readTo = new Dictionary<SourcePartition, long>();
        try
        {
            // Timestamp -1 asks for the latest offset: the end of the log as a reader sees it. A partition that failed
            // throws (TopicPartitionOffsetException), and then none is confirmed.
            var ends = consumer.OffsetsForTimes([.. silent.Select(s => new TopicPartitionTimestamp(s.Tp, new Timestamp(-1, TimestampType.CreateTime)))], options.EndOffsetTimeout);
            var byTp = silent.ToDictionary(s => s.Tp);
            foreach (var end in ends)
            {
                if (!byTp.TryGetValue(end.TopicPartition, out var s) || end.Offset == Offset.Unset)
                {
                    continue;
                }

                var position = consumer.Position(end.TopicPartition);
                var next = position == Offset.Unset ? s.Next : Math.Max(s.Next, position.Value); // past a transaction's control records
                if (end.Offset.Value <= Math.Max(next, 0) || (next < 0 && IsEmpty(consumer, end.TopicPartition)))
                {
                    readTo[s.Partition] = s.Next;
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // No answer (a broker down, a timeout, the consumer closing): nothing is confirmed.
            logger.LogDebug("End offsets of {Count} silent partitions unknown: {Reason}", silent.Count, e.Message);
        }

        return (readTo, clock.GetTimestamp());
    }

    /// <summary>Whether a partition this worker has read nothing from holds nothing either (its cached watermarks, just refreshed).</summary>
    private static bool IsEmpty(RecordConsumer consumer, TopicPartition tp)
    {
        var watermarks = consumer.GetWatermarkOffsets(tp);
        return watermarks.High != Offset.Unset && watermarks.Low == watermarks.High;
    }

    /// <summary>The project's name for a partition (a known topic's name is the shared constant, not the client's copy).</summary>
    private static SourcePartition PartitionOf(TopicPartition tp) => new(TopicTypes.Of(tp.Topic)?.Topic ?? tp.Topic, tp.Partition.Value);

    private static string Describe(IEnumerable<SourcePartition> partitions) =>
        string.Join(", ", partitions.OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition));

    private Checkpoint ReadCheckpoint(IReadOnlyCollection<SourcePartition> partitions)
    {
        for (var delay = TimeSpan.FromMilliseconds(100); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks)))
        {
            try
            {
                return store.ReadCheckpointAsync(partitions, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Without the store's offsets the worker cannot know where to resume: wait for the store, never guess;
                // but a stop ends the wait (the partitions were never started, so nothing is lost).
                if (_stopping.IsCancellationRequested || _hardStop.IsCancellationRequested)
                {
                    throw new OperationCanceledException("stopping while the state store is unreachable", e);
                }

                logger.LogWarning("Reading the checkpoint failed, retrying in {Delay} ms: {Reason}", delay.TotalMilliseconds, e.Message);
                Thread.Sleep(delay);
            }
        }
    }

    private IEnumerable<TopicPartitionOffset> SeekToStoredOffsets(RecordConsumer consumer, List<TopicPartition> partitions)
    {
        // Runs on the consume thread during a rebalance; a blocking read is acceptable here. The checkpoint goes with the
        // next batch: the pipeline restores these partitions' tasks at exactly these offsets.
        var assigned = partitions.Select(PartitionOf).ToList();
        var checkpoint = ReadCheckpoint(assigned);
        _checkpoint = new Checkpoint(
            _checkpoint.Offsets.Concat(checkpoint.Offsets).ToDictionary(p => p.Key, p => p.Value),
            _checkpoint.Snapshots.Concat(checkpoint.Snapshots).ToDictionary(p => p.Key, p => p.Value));
        var stored = checkpoint.Offsets;
        Assignment = [.. consumer.Assignment.Union(partitions)];
        _assigned.AddRange(assigned);
        _revoked.RemoveAll(assigned.Contains); // taken and given back before a batch told the pipeline: it restores afresh
        foreach (var partition in assigned)
        {
            if (stored.TryGetValue(partition, out var next))
            {
                _durable[partition] = next;
            }

            // Silent from now on until it delivers; where it starts reading is where it stands (the log's start if unknown).
            // On a topic without holes a partition with no stored offset starts at 0: a log starting later has lost records.
            _delivered[partition] = (clock.GetTimestamp(), stored.TryGetValue(partition, out var from) ? from : options.ContiguousOffsets ? 0 : -1);
        }

        // The group's offsets in Kafka follow the store's only as batches are acknowledged, so a partition taken over
        // from a worker that died lags there until its next record arrives: the source stage, holding back on the brand
        // group's offsets, might wait for records it holds back itself. Its stored offset is durable: it is given to
        // Kafka now (stored on the next turn of the loop, once the assignment is in force).
        var durable = assigned.Where(stored.ContainsKey).ToDictionary(p => p, p => stored[p]);
        if (durable.Count > 0)
        {
            _acknowledged.Enqueue(durable);
        }

        logger.LogInformation("Assigned {Count} partitions: {Partitions}", partitions.Count, Describe(assigned));
        return partitions.Select(tp =>
            stored.TryGetValue(PartitionOf(tp), out var next)
                ? new TopicPartitionOffset(tp, new Offset(next))
                : new TopicPartitionOffset(tp, Offset.Beginning));
    }
}
