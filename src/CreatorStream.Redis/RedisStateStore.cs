using System.Globalization;
using System.Text;
using CreatorStream.Core.Alerts;
using CreatorStream.Core.Configuration;
using CreatorStream.Core.Dataflow;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;
using CreatorStream.Processing.State;
using CreatorStream.Processing.Telemetry;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Aggregate = CreatorStream.Core.Metrics.Aggregate;

namespace CreatorStream.Redis;

/// <summary>
/// The state store in Redis (decision 0006), shared by every worker and web role. A commit is one Lua script, so a
/// batch's state, alerts and offsets land together or not at all; it is refused (<see cref="StateFencedException"/>)
/// when another worker has moved one of the committing worker's partitions, and ignored when it repeats an applied
/// commit. While Redis is unreachable a commit is retried with backoff, so the worker stops taking new batches (its
/// in-flight limit) and resumes without loss. Reads are pipelined; sketches are this project's own
/// (<see cref="Core.Sketches.HyperLogLog"/>), kept in Redis bit for bit, so reach equals the memory store's and replay's.
/// <para>Thread-safe: StackExchange.Redis multiplexes one connection for every caller.</para>
/// </summary>
public sealed class RedisStateStore : IStateStore, IBrandLayoutStore
{
    /// <summary>The task a delta of the whole topology in one process (no task of its own) counts under.</summary>
    public const string WholeTopologyTask = "all";

    private readonly IConnectionMultiplexer _redis;
    private readonly RedisStoreOptions _options;
    private readonly ILogger<RedisStateStore> _logger;
    private readonly CampaignCatalog _catalog;
    private readonly RedisKeys _keys;
    private BrandRouter? _router;

    // Set by a fenced commit: the server may have lost its data, the layout with it; the next commit records it again.
    private volatile bool _layoutUnsure;

    /// <param name="redis">The process's one multiplexer.</param>
    /// <param name="options">Where and how (prefix, retention).</param>
    /// <param name="catalog">The campaigns: a campaign's keys carry the tag of the brand task that owns its brand.</param>
    /// <param name="logger">Retries and failures.</param>
    public RedisStateStore(IConnectionMultiplexer redis, RedisStoreOptions options, CampaignCatalog catalog, ILogger<RedisStateStore> logger)
    {
        _redis = redis;
        _options = options;
        _catalog = catalog;
        _logger = logger;
        _keys = new RedisKeys(options.KeyPrefix, campaignId => TaskNames.Brand(Router.PartitionOf(Router.BrandOfCampaign(campaignId))));
    }

    public RedisKeys Keys => _keys;

    /// <summary>
    /// How long the parts of a snapshot live before the commit that names them makes them permanent: the parts of a commit
    /// that never lands (its worker died, or was fenced) go by themselves. A commit retried for longer finds them gone and
    /// keeps the last snapshot ("PARTS_LOST").
    /// </summary>
    public static readonly TimeSpan PartsTimeToLive = TimeSpan.FromHours(6);

    private IDatabase Db => _redis.GetDatabase();

    /// <summary>
    /// The brand layout the stored keys follow, read from Redis where the workers wrote it
    /// (<see cref="UseLayoutAsync"/>); until a worker has, there is nothing stored to read.
    /// </summary>
    private BrandRouter Router => _router ??= ReadLayout() ?? throw new LayoutUnknownException();

    /// <summary>
    /// Records the number of brand partitions this store's keys are placed by (a worker, before its first commit), or
    /// checks it against the one recorded: keys placed by another count would not be found.
    /// </summary>
    /// <exception cref="Core.Configuration.ConfigurationException">Redis holds state placed by a different count.</exception>
    public async Task UseLayoutAsync(int brandPartitions)
    {
        await Db.StringSetAsync(_keys.Layout, brandPartitions, when: When.NotExists);
        var stored = (int)await Db.StringGetAsync(_keys.Layout);
        if (stored != brandPartitions)
        {
            throw new Core.Configuration.ConfigurationException(
                "creatorstream.by-brand",
                $"Redis prefix '{_options.KeyPrefix}' holds state placed by {stored} brand partitions, but the topic has {brandPartitions}; brands cannot move between partitions without a migration");
        }

        _router = new BrandRouter(_catalog, brandPartitions);
    }

    private BrandRouter? ReadLayout()
    {
        var stored = Db.StringGet(_keys.Layout);
        return stored.IsNull ? null : new BrandRouter(_catalog, (int)stored);
    }

    public async ValueTask CommitAsync(StateDelta delta, CancellationToken cancellationToken)
    {
        var task = delta.Task ?? WholeTopologyTask;
        if ((_router is null || _layoutUnsure) && _options.BrandPartitions is { } partitions)
        {
            await RetryAsync(async () => { await UseLayoutAsync(partitions); return true; }, "commit (recording the brand layout)", cancellationToken);
            _layoutUnsure = false; // only once recorded: a commit cancelled meanwhile leaves it to the next
        }

        (RedisKey[] Keys, RedisValue[] Args)? command = null;
        SnapshotParts? parts = null;
        var partsFailed = false;
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                // Every commit registers its task first (idempotent): the set is where counters are summed from. Remembering
                // a task as registered lost its figures twice: a commit cancelled while registering left it marked, and a
                // server that lost the set (a restart without persistence, a failover) never had it again.
                await Db.SetAddAsync(_keys.Tasks, task);

                // Parts go first, once: a retry after a failed script keeps them (their time to live outlasts any retry).
                // If writing them failed, the retries commit without this snapshot (the last one stands, and the task's
                // next snapshot tries again): writing a gigabyte again on every retry of a flapping connection would
                // fill the server with copies that expire only hours later.
                if (command is null)
                {
                    parts = null;
                    if (!partsFailed && InParts(delta) is { } partition)
                    {
                        partsFailed = true; // until they are all written
                        var sink = SinkOf(delta.Snapshot!, partition);
                        try
                        {
                            parts = await WritePartsAsync(delta.Snapshot!, sink);
                            partsFailed = false;
                        }
                        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                        {
                            // Refused (a part longer than the server's proto-max-bulk-len, or no memory left), timed out or
                            // lost with the connection: this commit goes without its snapshot, and its parts go now.
                            sink.Abandon();
                            _logger.LogError("A part of task {Task}'s snapshot did not land in Redis ({Reason}); committing without it, the last one stands. Is --redis-snapshot-part-bytes ({Bytes:N0}) above the server's proto-max-bulk-len?", task, e.Message, _options.SnapshotPartBytes);
                        }
                    }

                    if (partsFailed)
                    {
                        StateInstruments.SnapshotsDropped.Add(1, new KeyValuePair<string, object?>("reason", "parts_failed"));
                    }

                    command = CommitCommand.Build(delta, task, _keys, _options, parts, withSnapshot: !partsFailed);
                }

                var (keys, args) = command.Value;
                delta.SnapshotDropped = partsFailed;
                var reply = await Db.ScriptEvaluateAsync(Scripts.Commit, keys, args);
                var status = reply is null || reply.IsNull ? null : (string?)reply;
                if (status is not ("OK" or "REPEAT" or "PARTS_LOST"))
                {
                    // A reply the script never gives: the client lost it (StackExchange.Redis 1.2.6, which this store ran on
                    // until session 55, completed a call with no reply when its connection failed mid-reply; seen in
                    // CI). Whether the script ran is unknown.
                    throw new LostReplyException(status);
                }

                if (status == "PARTS_LOST")
                {
                    delta.SnapshotDropped = true;
                    StateInstruments.SnapshotsDropped.Add(1, new KeyValuePair<string, object?>("reason", "parts_lost"));
                    _logger.LogWarning("The parts of task {Task}'s snapshot were gone when its commit landed (retried past {Ttl}): the commit kept its last snapshot", task, PartsTimeToLive);
                }

                if (attempt > 1)
                {
                    _logger.LogInformation("Redis commit succeeded after {Attempts} attempts{Without}", attempt, partsFailed ? ", without its snapshot (its parts could not be written; the last one stands)" : "");
                }

                return;
            }
            catch (RedisServerException e) when (e.Message.Contains("FENCED", StringComparison.Ordinal))
            {
                // The store no longer holds what this worker last committed: another owner moved on, or the server lost
                // its data. In the second case the layout went with it: the next commit records it again, or readers
                // would find nothing stored.
                _layoutUnsure = true;

                if (parts is not null)
                {
                    await Db.KeyDeleteAsync(parts.Key, CommandFlags.FireAndForget); // nothing names them: the commit applied nothing
                }

                throw new StateFencedException(e.Message);
            }
            catch (Exception e) when (Retryable(e))
            {
                // Unknown outcome: the script may have run. Retrying is safe: the commit id makes a repeat a no-op. (A delta
                // without one, which no worker sends, would be fenced by its own first attempt if that landed.)
                StateInstruments.CommitRetries.Add(1, new KeyValuePair<string, object?>("reason", e switch
                {
                    RedisConnectionException => "connection",
                    RedisTimeoutException or TimeoutException => "timeout",
                    LostReplyException => "reply",
                    _ => "server",
                }));
                _logger.LogWarning("Redis commit failed (attempt {Attempt}, retrying in {Delay} ms): {Reason}", attempt, delay.TotalMilliseconds, e.Message);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks));
            }
        }
    }

    /// <summary>
    /// The partition whose snapshot this delta writes in parts, or null when it goes in the commit as one value: in parts
    /// when it is larger than a part, or already partly in the store (<see cref="OpenSnapshotSink"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">A snapshot partly in the store, in a delta that is not one partition's.</exception>
    private SourcePartition? InParts(StateDelta delta)
    {
        if (delta.Snapshot is not { } snapshot || (snapshot.Length <= _options.SnapshotPartBytes && !snapshot.HasStoredParts))
        {
            return null;
        }

        return delta.NextOffsets.Count == 1 ? delta.NextOffsets.Keys.Single()
            : snapshot.HasStoredParts ? throw new InvalidOperationException($"a snapshot streamed to the store, in a commit of {delta.NextOffsets.Count} partitions, not one")
            : null;
    }

    /// <summary>
    /// A sink for the snapshot of <paramref name="partition"/>'s task (docs/design.md, "Recovery"): its full chunks
    /// become parts as they fill, so a worker holding a million users does not also hold their gigabyte of snapshot
    /// until the commit. Parts of a snapshot never committed expire (<see cref="PartsTimeToLive"/>).
    /// </summary>
    public Core.Snapshots.ISnapshotSink OpenSnapshotSink(SourcePartition partition)
    {
        _ = PoolSized.Value;
        return NewSink(partition);
    }

    // A snapshot's writers wait on pool threads for parts to land, and this client completes its replies on pool threads
    // too. With none spare, the pool adds one about every half second: a million users' snapshot took 6.3 s instead of
    // 3.4 s (docs/benchmarks.md, session 45). Threads up to the minimum start at once when needed; none start before.
    private const int MinPoolThreads = 64;

    private static readonly Lazy<bool> PoolSized = new(() =>
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        return workers >= MinPoolThreads || ThreadPool.SetMinThreads(MinPoolThreads, io);
    });

    /// <summary>The sink a snapshot went to as it was written, or a new one for a snapshot held whole.</summary>
    private RedisSnapshotSink SinkOf(Core.Snapshots.SnapshotBytes snapshot, SourcePartition partition) =>
        snapshot.Pieces.Select(p => p.Stored?.Sink).OfType<RedisSnapshotSink>().FirstOrDefault() ?? NewSink(partition);

    private RedisSnapshotSink NewSink(SourcePartition partition) =>
        new(Db, _keys.SnapshotParts(TaskNames.Of(partition), RedisKeys.PartitionField(partition), Guid.NewGuid().ToString("N")), _options.SnapshotPartBytes, PartsTimeToLive, _options.SnapshotPartTimeout);

    /// <summary>
    /// Writes what of a snapshot is not in the store yet as parts beside those its sink took while it was written (or
    /// as a new set of parts, for a snapshot written without one), waits until every part has landed, and names them in
    /// the snapshot's order. Bytes kept here are sent in parts of <see cref="RedisStoreOptions.SnapshotPartBytes"/>, a
    /// segment that is not a whole array of that size copied into ones that are, which is all the client takes.
    /// </summary>
    private async Task<SnapshotParts> WritePartsAsync(Core.Snapshots.SnapshotBytes snapshot, RedisSnapshotSink sink)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var ids = new List<int>();
        var here = new List<ReadOnlyMemory<byte>>(); // a run of bytes kept here, sent when a stored piece or the end follows
        foreach (var piece in snapshot.Pieces.Append(default))
        {
            if (piece.Stored is null && !piece.Bytes.IsEmpty)
            {
                here.Add(piece.Bytes);
                continue;
            }

            foreach (var part in new Core.Snapshots.SnapshotBytes(here).SegmentArrays(_options.SnapshotPartBytes))
            {
                ids.Add(await sink.StoreAsync(part));
            }

            here.Clear();
            if (piece.Stored is { } stored)
            {
                if (!ReferenceEquals(stored.Sink, sink))
                {
                    throw new InvalidOperationException("a snapshot streamed through two sinks");
                }

                ids.AddRange(Enumerable.Range(stored.FirstId, stored.Count));
            }
        }

        await sink.CompleteAsync();
        StateInstruments.SnapshotPartsDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        return new SnapshotParts(sink.Key, ids.Count, snapshot.Length, ids);
    }

    /// <summary>Deletes every key under this store's prefix (for <c>run</c>, whose embedded broker starts empty).</summary>
    public async Task ClearAsync()
    {
        foreach (var endpoint in _redis.GetEndPoints())
        {
            var server = _redis.GetServer(endpoint);
            if (server.IsReplica)
            {
                continue;
            }

            foreach (var pattern in new[] { $"{_keys.Prefix}:*", $"{{{_keys.Prefix}:*" })
            {
                // Listed first, then deleted (RedisKeyScan). One key a DEL, as keys of a cluster live in different slots.
                var keys = await RedisKeyScan.KeysAsync(server, pattern);
                foreach (var chunk in keys.Chunk(1_000)) // pipelined, a thousand in flight at a time
                {
                    await Task.WhenAll(chunk.Select(key => Db.KeyDeleteAsync(key)));
                }
            }
        }

        _router = null;
    }

    /// <summary>
    /// What was committed for <paramref name="partitions"/>. A read the connection fails (a drop, a timeout: the server
    /// closes a connection that sent a value it refused, and the client reconnects) is read again, with the commits'
    /// back-off, until it succeeds or <paramref name="cancellationToken"/> ends the wait: a restore must not fail, nor a
    /// task start from nothing, because Redis was away for a moment. Reading has no effect, so a repeat is always safe.
    /// </summary>
    public async ValueTask<Checkpoint> ReadCheckpointAsync(IReadOnlyCollection<SourcePartition> partitions, CancellationToken cancellationToken) =>
        await RetryAsync(() => ReadCheckpointOnceAsync(partitions), "checkpoint read", cancellationToken);

    private async Task<Checkpoint> ReadCheckpointOnceAsync(IReadOnlyCollection<SourcePartition> partitions)
    {
        var db = Db;
        var reads = partitions.Select(p => (
            Partition: p,
            Offset: db.HashGetAsync(_keys.Offsets(TaskNames.Of(p)), RedisKeys.PartitionField(p)),
            Snapshot: ReadSnapshotAsync(p))).ToList(); // every partition's reads in flight at once, not one after another
        var offsets = new Dictionary<SourcePartition, long>();
        var snapshots = new Dictionary<SourcePartition, Core.Snapshots.SnapshotBytes>();
        foreach (var (partition, offset, read) in reads)
        {
            if ((await offset) is { IsNull: false } o)
            {
                offsets[partition] = (long)o;
            }

            if (await read is { } snapshot)
            {
                snapshots[partition] = snapshot;
            }
        }

        return new Checkpoint(offsets, snapshots);
    }

    /// <summary>
    /// A partition's snapshot, in one value or in parts; null when there is none, or its parts cannot be read whole (a
    /// restore then re-reads the partition's log, as for a snapshot of another format).
    /// </summary>
    private async Task<Core.Snapshots.SnapshotBytes?> ReadSnapshotAsync(SourcePartition partition)
    {
        var (db, hash, field) = (Db, _keys.Snapshots(TaskNames.Of(partition)), RedisKeys.PartitionField(partition));
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var values = await db.HashGetAsync(hash, [field, RedisKeys.PartsField(field)]);
            if (values[1].IsNull)
            {
                return values[0].IsNull ? null : new Core.Snapshots.SnapshotBytes((byte[])values[0]!);
            }

            // Parts: those a commit made permanent. A commit that replaces them meanwhile deletes them, so a short read is
            // read again from the new manifest.
            if (!SnapshotParts.TryParse((string)values[1]!, out var parts))
            {
                _logger.LogError("The snapshot manifest of {Partition} cannot be read ({Manifest}): restoring from its partition's log instead", partition, (string?)values[1]);
                return null;
            }

            var partsARead = (int)Math.Clamp((16L << 20) / Math.Max(1, parts.Length / Math.Max(1, parts.Count)), 1, 1_024); // about 16 MiB a reply
            var segments = new List<ReadOnlyMemory<byte>>(parts.Count);
            for (var from = 0; from < parts.Count; from += partsARead)
            {
                var upTo = Math.Min(from + partsARead, parts.Count);
                var read = parts.Ids is { } ids
                    ? await db.HashGetAsync(parts.Key, [.. Enumerable.Range(from, upTo - from).Select(i => (RedisValue)ids[i])])
                    : await db.ListRangeAsync(parts.Key, from, upTo - 1); // an older build's list, its parts in order
                var whole = read.TakeWhile(part => !part.IsNull).ToList();
                segments.AddRange(whole.Select(part => (ReadOnlyMemory<byte>)(byte[])part!));
                if (whole.Count < upTo - from)
                {
                    break;
                }
            }

            var snapshot = new Core.Snapshots.SnapshotBytes(segments);
            if (segments.Count == parts.Count && snapshot.Length == parts.Length)
            {
                return snapshot;
            }

            _logger.LogWarning("The snapshot of {Partition} in parts read short ({Parts} of {Count} parts, {Bytes:N0} of {Length:N0} bytes; attempt {Attempt})", partition, segments.Count, parts.Count, snapshot.Length, parts.Length, attempt);
        }

        _logger.LogError("The snapshot of {Partition} in parts could not be read whole: restoring from its partition's log instead", partition);
        return null;
    }

    /// <summary>Every committed offset of the tasks that have committed (tests and tools: how far processing has come).</summary>
    public async Task<IReadOnlyDictionary<SourcePartition, long>> ReadOffsetsAsync()
    {
        var offsets = new Dictionary<SourcePartition, long>();
        foreach (var task in await Db.SetMembersAsync(_keys.Tasks))
        {
            foreach (var entry in await Db.HashGetAllAsync(_keys.Offsets((string)task!)))
            {
                offsets[RedisKeys.ParsePartition((string)entry.Name!)] = (long)entry.Value;
            }
        }

        return offsets;
    }

    public async ValueTask<StreamCounters> ReadCountersAsync(CancellationToken cancellationToken)
    {
        var tasks = await Db.SetMembersAsync(_keys.Tasks);
        var all = await Task.WhenAll(tasks.Select(t => Db.HashGetAllAsync(_keys.Counters((string)t!))));
        long events = 0, duplicates = 0, probable = 0, lookups = 0, unmatched = 0;
        // Each task's own total is one running sum in its own commit order; across tasks they are added as decimals, so
        // the figure does not depend on the order the tasks' set comes back in (as doubles its last digits did).
        decimal unattributedConversions = 0, unattributedRevenue = 0;
        var deadLetters = new Dictionary<DeadLetterReason, long>();
        foreach (var entries in all)
        {
            var fields = entries.ToDictionary(e => (string)e.Name!, e => e.Value, StringComparer.Ordinal);
            for (var i = 0; i < DeadLetterReasons.All.Count; i++)
            {
                if (fields.TryGetValue($"dl:{DeadLetterReasons.All[i]}", out var count))
                {
                    deadLetters[(DeadLetterReason)i] = deadLetters.GetValueOrDefault((DeadLetterReason)i) + (long)count;
                }
            }

            events += Long(fields, "events");
            duplicates += Long(fields, "duplicates");
            probable += Long(fields, "duplicates_probable");
            lookups += Long(fields, "dedup_filter_lookups");
            unmatched += Long(fields, "unmatched_sessions");
            unattributedConversions += (decimal)Double(fields, "unattributed_conversions");
            unattributedRevenue += (decimal)Double(fields, "unattributed_revenue");
        }

        var unattributed = default(CreditSums);
        unattributed.Add((double)unattributedConversions, (double)unattributedRevenue);
        return new StreamCounters(events, duplicates, deadLetters) { Unattributed = unattributed, ProbableDuplicates = probable, DedupFilterLookups = lookups, UnmatchedSessions = unmatched };
    }

    public async ValueTask<IReadOnlyList<FlaggedAccount>> ReadFlaggedAccountsAsync(FlagScope scope, CancellationToken cancellationToken)
    {
        if (!Known(scope.CampaignId))
        {
            return [];
        }

        var json = await Db.HashGetAsync(_keys.Flagged(_keys.TaskOf(scope.CampaignId)), CommitCommand.FlagField(scope));
        return json.IsNull ? [] : FlaggedAccountJson.Read((byte[])json!);
    }

    public async ValueTask<Core.Content.CampaignContent> ReadContentAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (!Known(campaignId))
        {
            return Core.Content.CampaignContent.Empty;
        }

        var entries = await Db.HashGetAllAsync(_keys.Content(campaignId));
        var posts = new List<Core.Content.PostRecord>();
        var flags = new List<Core.Content.ComplianceFlag>();
        var deliverables = new List<Core.Content.DeliverableRecord>();
        Core.Estimates.CampaignEstimates? estimates = null;
        Core.Commissions.CampaignCommissions? commissions = null;
        foreach (var entry in entries)
        {
            var field = (string)entry.Name!;
            var json = (string)entry.Value!;
            switch (field[0])
            {
                case 'p':
                    posts.Add(Core.Content.ContentJson.ReadPost(json));
                    break;
                case 'f':
                    flags.Add(Core.Content.ContentJson.ReadFlag(json));
                    break;
                case 'd':
                    deliverables.Add(Core.Content.ContentJson.ReadDeliverable(json));
                    break;
                case 'e':
                    estimates = Core.Content.ContentJson.ReadEstimates(json);
                    break;
                case 'c':
                    commissions = Core.Content.ContentJson.ReadCommissions(json);
                    break;
            }
        }

        return Core.Content.CampaignContent.Of(posts, flags, deliverables, estimates, commissions);
    }

    public async ValueTask<Core.Content.ReviewLedger> ReadReviewsAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (!Known(campaignId))
        {
            return Core.Content.ReviewLedger.Empty;
        }

        var db = Db;
        var reviews = db.HashGetAllAsync(_keys.Reviews(campaignId));
        var trail = db.ListRangeAsync(_keys.ReviewTrail(campaignId));
        var byFlag = new Dictionary<string, Core.Content.FlagReview>(StringComparer.Ordinal);
        foreach (var entry in await reviews)
        {
            var stored = (string)entry.Value!;
            byFlag[(string)entry.Name!] = Core.Content.ContentJson.ReadReview(stored[(stored.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
        }

        return new Core.Content.ReviewLedger(byFlag, [.. (await trail).Select(json => Core.Content.ContentJson.ReadEntry((string)json!))]);
    }

    public async ValueTask<Core.Content.ReviewOutcome> ReviewAsync(string campaignId, Core.Content.ReviewEntry entry, CancellationToken cancellationToken)
    {
        if (!Known(campaignId))
        {
            // Not configured, or nothing stored yet (no worker has committed): there is no flag to review.
            throw new InvalidOperationException($"nothing is stored for campaign '{campaignId}': there is no flag to review");
        }

        var result = await Db.ScriptEvaluateAsync(
            Scripts.Review,
            [_keys.Reviews(campaignId), _keys.ReviewTrail(campaignId)],
            [entry.FlagId, entry.From, entry.To, Core.Content.ContentJson.Write(Core.Content.ReviewLedger.After(entry)), Core.Content.ContentJson.Write(entry), (long)_options.CampaignTtl.TotalSeconds]);
        var answer = (RedisResult[])result!;
        return new Core.Content.ReviewOutcome((long)answer[0] == 1, (string)answer[1]!);
    }

    public async ValueTask<Core.Commissions.StatementDecisions> ReadDecisionsAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (!Known(campaignId))
        {
            return Core.Commissions.StatementDecisions.Empty;
        }

        var db = Db;
        var latest = db.HashGetAllAsync(_keys.Decisions(campaignId));
        var trail = db.ListRangeAsync(_keys.DecisionTrail(campaignId));
        var byStatement = new Dictionary<string, Core.Commissions.StatementDecision>(StringComparer.Ordinal);
        foreach (var entry in await latest)
        {
            var stored = (string)entry.Value!;
            byStatement[(string)entry.Name!] = Core.Content.ContentJson.ReadDecision(stored[(stored.IndexOf('\n', StringComparison.Ordinal) + 1)..]);
        }

        return new Core.Commissions.StatementDecisions(byStatement, [.. (await trail).Select(json => Core.Content.ContentJson.ReadDecision((string)json!))]);
    }

    public async ValueTask<Core.Commissions.DecisionOutcome> DecideAsync(string campaignId, Core.Commissions.StatementDecision decision, CancellationToken cancellationToken)
    {
        if (!Known(campaignId))
        {
            throw new InvalidOperationException($"nothing is stored for campaign '{campaignId}': there is no statement to decide on");
        }

        var json = Core.Content.ContentJson.Write(decision);
        var result = await Db.ScriptEvaluateAsync(
            Scripts.Decide,
            [_keys.Decisions(campaignId), _keys.DecisionTrail(campaignId)],
            [decision.StatementId, decision.From, decision.To, json, (long)_options.CampaignTtl.TotalSeconds, decision.CreatorId + "|", decision.ApprovedBefore ?? -1]);
        var answer = (RedisResult[])result!;
        return new Core.Commissions.DecisionOutcome((long)answer[0] == 1, (string)answer[1]!);
    }

    public async ValueTask<IReadOnlyList<Alert>> ReadAlertsAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (!Known(campaignId))
        {
            return [];
        }

        var db = Db;
        var order = db.SortedSetRangeByRankAsync(_keys.AlertOrder(campaignId));
        var all = db.HashGetAllAsync(_keys.Alerts(campaignId));
        var byId = (await all).ToDictionary(e => (string)e.Name!, e => (byte[])e.Value!, StringComparer.Ordinal);
        return [.. (await order).Select(id => (string)id!).Where(byId.ContainsKey).Select(id => AlertJson.Read(byId[id]))];
    }

    public async ValueTask<CampaignState> ReadCampaignAsync(string campaignId, StateWindow window, CancellationToken cancellationToken)
    {
        if (!Known(campaignId))
        {
            return CampaignViews.Empty(campaignId, window, long.MinValue);
        }

        var attribution = ReadAttributionAsync(campaignId, cancellationToken);
        var watermark = ReadWatermarkAsync(campaignId, cancellationToken);
        var stored = await ReadAggregatesAsync(campaignId, window, cancellationToken);
        var aggregates = window.Span is null ? stored : CampaignViews.MergeBuckets(stored);
        return CampaignViews.Build(campaignId, window, aggregates, await attribution, await watermark);
    }

    public async ValueTask<IReadOnlyDictionary<AggregateKey, Aggregate>> ReadAggregatesAsync(string campaignId, StateWindow window, CancellationToken cancellationToken)
    {
        if (!Known(campaignId))
        {
            return new Dictionary<AggregateKey, Aggregate>();
        }

        var db = Db;
        if (window.Span is not { } span)
        {
            return await ReadAggregatesAsync(db, campaignId, AggregateKey.ToDate, null);
        }

        var newest = await db.SortedSetRangeByRankAsync(_keys.BucketIndex(campaignId), -1, -1);
        var starts = newest.Length == 0
            ? []
            : await db.SortedSetRangeByScoreAsync(_keys.BucketIndex(campaignId), CampaignViews.WindowStart((long)newest[0], span), double.PositiveInfinity);
        var buckets = await Task.WhenAll(starts.Select(s => ReadAggregatesAsync(db, campaignId, (long)s, null)));
        return buckets.SelectMany(b => b).ToDictionary();
    }

    public async ValueTask<IReadOnlyDictionary<AggregateKey, Aggregate>> ReadAggregatesAsync(string campaignId, IReadOnlyCollection<AggregateKey> keys, CancellationToken cancellationToken)
    {
        if (!Known(campaignId) || keys.Count == 0)
        {
            return new Dictionary<AggregateKey, Aggregate>();
        }

        var db = Db;
        var read = await Task.WhenAll(keys.Select(k => ReadAggregatesAsync(db, campaignId, k.BucketStart, ScopeField.Of(k))));
        return read.SelectMany(r => r).ToDictionary();
    }

    public async ValueTask<long> ReadWatermarkAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (!Known(campaignId))
        {
            return long.MinValue;
        }

        var watermark = await Db.HashGetAsync(_keys.Counters(_keys.TaskOf(campaignId)), "watermark");
        return watermark.IsNull ? long.MinValue : (long)watermark;
    }

    public async ValueTask<IReadOnlyList<BucketView>> ReadBucketsAsync(AggregateKey key, long fromInclusive, long toExclusive, CancellationToken cancellationToken)
    {
        if (!Known(key.CampaignId))
        {
            return [];
        }

        var db = Db;
        var starts = await db.SortedSetRangeByScoreAsync(_keys.BucketIndex(key.CampaignId), fromInclusive, toExclusive, Exclude.Stop);
        var scope = ScopeField.Of(key);
        var buckets = await Task.WhenAll(starts.Select(s => ReadAggregatesAsync(db, key.CampaignId, (long)s, scope)));
        return [.. buckets
            .Where(b => b.Count > 0)
            .Select(b => b.First())
            .Select(b => new BucketView(b.Key.BucketStart, AggregateView.Of(b.Value), b.Value.CorrectedAtMs))];
    }

    public async ValueTask<IReadOnlyList<PeriodView>> ReadSeriesAsync(AggregateKey key, SeriesGranularity granularity, long fromInclusive, long toExclusive, CancellationToken cancellationToken)
    {
        var starts = SeriesRange.Starts(key, granularity, fromInclusive, toExclusive);
        if (!Known(key.CampaignId) || starts.Count == 0)
        {
            return [];
        }

        var db = Db;
        var scope = ScopeField.Of(key.AsToDate());
        RedisValue[] names = [.. AggregateFields.Counting.Select(f => (RedisValue)$"{scope}|{f}")];
        var reads = await Task.WhenAll(starts.Select(start => db.HashGetAsync(_keys.Series(key.CampaignId, granularity, start), names)));
        var periods = new List<PeriodView>();
        for (var i = 0; i < starts.Count; i++)
        {
            var fields = new Dictionary<string, RedisValue>(StringComparer.Ordinal);
            for (var f = 0; f < names.Length; f++)
            {
                if (!reads[i][f].IsNull)
                {
                    fields[AggregateFields.Counting[f]] = reads[i][f];
                }
            }

            if (fields.Count > 0)
            {
                periods.Add(new PeriodView(starts[i], AggregateFields.CountersOf(fields)));
            }
        }

        return periods;
    }

    /// <summary>
    /// The aggregates of one hash (to date, or one bucket), each with its reach sketch; only <paramref name="onlyScope"/>
    /// when given.
    /// </summary>
    private async Task<Dictionary<AggregateKey, Aggregate>> ReadAggregatesAsync(IDatabase db, string campaignId, long bucketStart, string? onlyScope)
    {
        var hash = bucketStart == AggregateKey.ToDate ? _keys.ToDate(campaignId) : _keys.Bucket(campaignId, bucketStart);
        var entries = onlyScope is null
            ? await db.HashGetAllAsync(hash)
            : await ReadScopeAsync(db, hash, onlyScope);
        var fieldsByScope = new Dictionary<string, Dictionary<string, RedisValue>>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var name = (string)entry.Name!;
            var bar = name.LastIndexOf('|');
            var scope = name[..bar];
            if (!fieldsByScope.TryGetValue(scope, out var fields))
            {
                fields = new Dictionary<string, RedisValue>(StringComparer.Ordinal);
                fieldsByScope.Add(scope, fields);
            }

            fields[name[(bar + 1)..]] = entry.Value;
        }

        var scopes = fieldsByScope.Keys.ToList();
        var sketches = await SketchReader.ReadAsync(db, [.. scopes.Select(s => (RedisKey)_keys.Reach(campaignId, bucketStart, s))]);
        var aggregates = new Dictionary<AggregateKey, Aggregate>(scopes.Count);
        for (var i = 0; i < scopes.Count; i++)
        {
            aggregates[ScopeField.Parse(scopes[i], campaignId, bucketStart)] = AggregateFields.Restore(fieldsByScope[scopes[i]], sketches[i]);
        }

        return aggregates;
    }

    private static async Task<HashEntry[]> ReadScopeAsync(IDatabase db, string hash, string scope)
    {
        RedisValue[] names = [.. AggregateFields.All.Select(f => (RedisValue)$"{scope}|{f}")];
        var values = await db.HashGetAsync(hash, names);
        return [.. names.Zip(values).Where(p => !p.Second.IsNull).Select(p => new HashEntry(p.First, p.Second))];
    }

    public async ValueTask<CampaignAttribution> ReadAttributionAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (!Known(campaignId))
        {
            return CampaignAttribution.Empty;
        }

        var db = Db;
        var creators = new Dictionary<(string, string), CreditSums>();
        var content = new Dictionary<(string, string), CreditSums>();
        var assists = new Dictionary<string, long>(StringComparer.Ordinal);
        var byKind = new Dictionary<(string, ConversionKind, string), KindCredit>();
        var orders = new Dictionary<(string, ConversionKind), OrderSums>();
        var byCountry = new Dictionary<(string, string, string), CreditSums>();
        var countryReach = new Dictionary<(string, string, Platform, string), CountryReach>();
        var fallback = true;
        foreach (var entry in await db.HashGetAllAsync(_keys.Credits(campaignId)))
        {
            var parts = ((string)entry.Name!).Split('|');
            switch (parts)
            {
                case ["ddf"]:
                    fallback = (long)entry.Value != 0;
                    break;
                case ["a", var creator]:
                    assists[ScopeField.Unescape(creator)] = (long)entry.Value;
                    break;
                case ["k", var id, var kindName, var model, var measure] when WireNames.TryParse(Encoding.UTF8.GetBytes(kindName), out ConversionKind conversionKind):
                    AddKindCredit(byKind, (ScopeField.Unescape(id), conversionKind, model), measure, Double(entry.Value));
                    break;
                case ["g", var postId, var countryId, var creditModel, var creditMeasure]:
                    var countryKey = (ScopeField.Unescape(postId), ScopeField.Unescape(countryId), creditModel);
                    var countrySums = byCountry.GetValueOrDefault(countryKey);
                    countrySums.Add(creditMeasure == "conv" ? Double(entry.Value) : 0, creditMeasure == "rev" ? Double(entry.Value) : 0);
                    byCountry[countryKey] = countrySums;
                    break;
                case ["n", var creatorId, var postId, var platformName, var countryId, var reachMeasure] when WireNames.TryParsePlatform(platformName, out var platform):
                    var reachKey = (ScopeField.Unescape(creatorId), ScopeField.Unescape(postId), platform, ScopeField.Unescape(countryId));
                    var reach = countryReach.GetValueOrDefault(reachKey);
                    reach.Add(reachMeasure == "imp" ? (long)entry.Value : 0, reachMeasure == "clk" ? (long)entry.Value : 0);
                    countryReach[reachKey] = reach;
                    break;
                case ["o", var id, var kindName, var measure] when WireNames.TryParse(Encoding.UTF8.GetBytes(kindName), out ConversionKind conversionKind):
                    AddOrders(orders, (ScopeField.Unescape(id), conversionKind), measure, Double(entry.Value));
                    break;
                case [var kind, var id, var model, var measure]:
                    var target = kind == "r" ? creators : content;
                    var key = (ScopeField.Unescape(id), model);
                    var sums = target.GetValueOrDefault(key);
                    var value = double.Parse((string)entry.Value!, CultureInfo.InvariantCulture);
                    sums.Add(measure == "conv" ? value : 0, measure == "rev" ? value : 0);
                    target[key] = sums;
                    break;
            }
        }

        return new CampaignAttribution(creators, content, assists, fallback) { ByKind = byKind, Orders = orders, ByCountry = byCountry, CountryReach = countryReach };
    }

    private static double Double(RedisValue value) => double.Parse((string)value!, CultureInfo.InvariantCulture);

    private static void AddKindCredit(Dictionary<(string, ConversionKind, string), KindCredit> byKind, (string, ConversionKind, string) key, string measure, double value)
    {
        var credit = byKind.GetValueOrDefault(key);
        switch (measure)
        {
            case "conv" or "rev" or "new" or "qual" or "won":
                credit.Add(measure == "conv" ? value : 0, measure == "rev" ? value : 0, measure == "new" ? value : 0, measure == "qual" ? value : 0, measure == "won" ? value : 0);
                break;
            case "acq" or "acqv" or "ret" or "rpv":
                credit.AddCustomers(measure == "acq" ? value : 0, measure == "acqv" ? value : 0, measure == "ret" ? value : 0, measure == "rpv" ? value : 0);
                break;
            case ['r', 'c' or 'v', ..] when RepeatWindowOf(measure[2..]) is { } window:
                credit.AddRepeat(window, measure[1] == 'c' ? window : (byte)0, measure[1] == 'c' ? value : 0, measure[1] == 'v' ? value : 0);
                break;
        }

        byKind[key] = credit;
    }

    private static byte? RepeatWindowOf(string days) => days switch
    {
        "30" => RepeatWindows.Days30,
        "90" => RepeatWindows.Days90,
        "180" => RepeatWindows.Days180,
        _ => null,
    };

    private static void AddOrders(Dictionary<(string, ConversionKind), OrderSums> orders, (string, ConversionKind) key, string measure, double value)
    {
        var sums = orders.GetValueOrDefault(key);
        sums.Add(measure == "n" ? (long)value : 0, measure == "v" ? value : 0);
        orders[key] = sums;
    }

    /// <summary>Whether a campaign's keys can be found: it is configured, and a worker has recorded the layout.</summary>
    private bool Known(string campaignId)
    {
        if (!_catalog.TryGet(campaignId, out _))
        {
            return false;
        }

        try
        {
            _ = Router;
            return true;
        }
        catch (LayoutUnknownException)
        {
            return false; // no worker has committed yet: nothing is stored
        }
    }

    private async Task<T> RetryAsync<T>(Func<Task<T>> action, string what, CancellationToken cancellationToken)
    {
        for (var delay = TimeSpan.FromMilliseconds(100); ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRetryDelay.Ticks)))
        {
            try
            {
                return await action();
            }
            catch (Exception e) when (Retryable(e))
            {
                // A server loading its data or a replica not yet promoted (LOADING, READONLY...) says so for a while after
                // the restarts and failovers that fence workers, which is when the layout is recorded again.
                _logger.LogWarning("Redis {What} failed (retrying in {Delay} ms): {Reason}", what, delay.TotalMilliseconds, e.Message);
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    // What a retry may mend: a connection lost or timed out, a reply lost with it (a commit's: only the commit throws it),
    // or a server error that passes (below). The outcome of the step that failed is unknown, so the step must be safe to
    // repeat.
    private static bool Retryable(Exception e) =>
        e is RedisConnectionException or RedisTimeoutException or TimeoutException or LostReplyException || (e is RedisServerException && IsTransient(e.Message));

    // Redis Cluster adds its own: CLUSTERDOWN and TRYAGAIN while the cluster heals, and the client's "not reachable"
    // for a slot whose master is gone (StackExchange.Redis raises it as a server error when it fails a command fast
    // rather than holding it in its backlog).
    private static bool IsTransient(string message) =>
        message.StartsWith("LOADING", StringComparison.Ordinal) || message.StartsWith("BUSY", StringComparison.Ordinal) ||
        message.StartsWith("READONLY", StringComparison.Ordinal) || message.StartsWith("MASTERDOWN", StringComparison.Ordinal) ||
        message.StartsWith("CLUSTERDOWN", StringComparison.Ordinal) || message.StartsWith("TRYAGAIN", StringComparison.Ordinal) ||
        message.Contains("is not reachable at this point of time", StringComparison.Ordinal);

    private static long Long(Dictionary<string, RedisValue> fields, string name) =>
        fields.TryGetValue(name, out var value) ? (long)value : 0;

    private static double Double(Dictionary<string, RedisValue> fields, string name) =>
        fields.TryGetValue(name, out var value) ? double.Parse((string)value!, CultureInfo.InvariantCulture) : 0;

    /// <summary>A commit's reply that is none the script gives: the client lost it, so whether the commit landed is unknown.</summary>
    private sealed class LostReplyException(string? reply)
        : Exception(reply is null ? "the commit's reply was lost (the client completed the call without one)" : $"the commit's reply was '{reply}', none the script gives");
}
