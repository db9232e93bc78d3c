using System.Globalization;
using CreatorStream.Core.Alerts;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Decoding;
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
public sealed class RedisStateStore(IConnectionMultiplexer redis, RedisStoreOptions options, ILogger<RedisStateStore> logger) : IStateStore
{
    private readonly RedisKeys _keys = new(options.KeyPrefix);

    public RedisKeys Keys => _keys;

    private IDatabase Db => redis.GetDatabase();

    public async ValueTask CommitAsync(StateDelta delta, CancellationToken cancellationToken)
    {
        var args = CommitCommand.Build(delta, _keys, options);
        var delay = TimeSpan.FromMilliseconds(100);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await Db.ScriptEvaluateAsync(Scripts.Commit, [], args);
                if (attempt > 1)
                {
                    logger.LogInformation("Redis commit succeeded after {Attempts} attempts", attempt);
                }

                return;
            }
            catch (RedisServerException e) when (e.Message.Contains("FENCED", StringComparison.Ordinal))
            {
                throw new StateFencedException(e.Message);
            }
            catch (Exception e) when (e is RedisConnectionException or RedisTimeoutException or TimeoutException || (e is RedisServerException && IsTransient(e.Message)))
            {
                // Unknown outcome: the script may have run. Retrying is safe: the commit id makes a repeat a no-op.
                StateInstruments.CommitRetries.Add(1, new KeyValuePair<string, object?>("reason", e switch
                {
                    RedisConnectionException => "connection",
                    RedisTimeoutException or TimeoutException => "timeout",
                    _ => "server",
                }));
                logger.LogWarning("Redis commit failed (attempt {Attempt}, retrying in {Delay} ms): {Reason}", attempt, delay.TotalMilliseconds, e.Message);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
            }
        }
    }

    /// <summary>Deletes every key under this store's prefix (for <c>run</c>, whose embedded broker starts empty).</summary>
    public async Task ClearAsync()
    {
        foreach (var endpoint in redis.GetEndPoints())
        {
            var server = redis.GetServer(endpoint);
            if (server.IsSlave)
            {
                continue;
            }

            foreach (var key in server.Keys(pattern: $"{_keys.Prefix}:*", pageSize: 1_000))
            {
                await Db.KeyDeleteAsync(key);
            }
        }
    }

    public async ValueTask<Checkpoint> ReadCheckpointAsync(CancellationToken cancellationToken)
    {
        var offsets = ReadPartitionHashAsync(_keys.Offsets);
        var released = ReadPartitionHashAsync(_keys.Released);
        return new Checkpoint(await offsets, await released);
    }

    public async ValueTask<IReadOnlyDictionary<SourcePartition, long>> ReadOffsetsAsync(CancellationToken cancellationToken) =>
        await ReadPartitionHashAsync(_keys.Offsets);

    public async ValueTask<StreamCounters> ReadCountersAsync(CancellationToken cancellationToken)
    {
        var fields = (await Db.HashGetAllAsync(_keys.Counters)).ToDictionary(e => (string)e.Name!, e => e.Value, StringComparer.Ordinal);
        var deadLetters = new Dictionary<DeadLetterReason, long>();
        for (var i = 0; i < DeadLetterReasons.All.Count; i++)
        {
            if (fields.TryGetValue($"dl:{DeadLetterReasons.All[i]}", out var count))
            {
                deadLetters[(DeadLetterReason)i] = (long)count;
            }
        }

        var unattributed = default(CreditSums);
        unattributed.Add(Double(fields, "unattributed_conversions"), Double(fields, "unattributed_revenue"));
        return new StreamCounters(Long(fields, "events"), Long(fields, "duplicates"), deadLetters) { Unattributed = unattributed };
    }

    public async ValueTask<IReadOnlyList<FlaggedAccount>> ReadFlaggedAccountsAsync(FlagScope scope, CancellationToken cancellationToken)
    {
        var json = await Db.HashGetAsync(_keys.Flagged, CommitCommand.FlagField(scope));
        return json.IsNull ? [] : FlaggedAccountJson.Read((byte[])json!);
    }

    public async ValueTask<IReadOnlyList<Alert>> ReadAlertsAsync(string campaignId, CancellationToken cancellationToken)
    {
        var db = Db;
        var order = db.SortedSetRangeByRankAsync(_keys.AlertOrder(campaignId));
        var all = db.HashGetAllAsync(_keys.Alerts(campaignId));
        var byId = (await all).ToDictionary(e => (string)e.Name!, e => (byte[])e.Value!, StringComparer.Ordinal);
        return [.. (await order).Select(id => (string)id!).Where(byId.ContainsKey).Select(id => AlertJson.Read(byId[id]))];
    }

    public async ValueTask<CampaignState> ReadCampaignAsync(string campaignId, StateWindow window, CancellationToken cancellationToken)
    {
        var db = Db;
        var attributionTask = ReadAttributionAsync(db, campaignId);
        var watermarkTask = db.HashGetAsync(_keys.Counters, "watermark");
        Dictionary<AggregateKey, Aggregate> aggregates;
        if (window.Span is { } span)
        {
            var newest = await db.SortedSetRangeByRankAsync(_keys.BucketIndex(campaignId), -1, -1);
            var starts = newest.Length == 0
                ? []
                : await db.SortedSetRangeByScoreAsync(_keys.BucketIndex(campaignId), CampaignViews.WindowStart((long)newest[0], span), double.PositiveInfinity);
            var buckets = await Task.WhenAll(starts.Select(s => ReadAggregatesAsync(db, campaignId, (long)s, null)));
            aggregates = CampaignViews.MergeBuckets(buckets.SelectMany(b => b));
        }
        else
        {
            aggregates = await ReadAggregatesAsync(db, campaignId, AggregateKey.ToDate, null);
        }

        var watermark = await watermarkTask;
        return CampaignViews.Build(campaignId, window, aggregates, await attributionTask, watermark.IsNull ? long.MinValue : (long)watermark);
    }

    public async ValueTask<IReadOnlyList<BucketView>> ReadBucketsAsync(AggregateKey key, long fromInclusive, long toExclusive, CancellationToken cancellationToken)
    {
        var db = Db;
        var starts = await db.SortedSetRangeByScoreAsync(_keys.BucketIndex(key.CampaignId), fromInclusive, toExclusive, Exclude.Stop);
        var scope = ScopeField.Of(key);
        var buckets = await Task.WhenAll(starts.Select(s => ReadAggregatesAsync(db, key.CampaignId, (long)s, scope)));
        return [.. buckets
            .Where(b => b.Count > 0)
            .Select(b => b.First())
            .Select(b => new BucketView(b.Key.BucketStart, AggregateView.Of(b.Value), b.Value.CorrectedAtMs))];
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

    private async Task<CampaignAttribution> ReadAttributionAsync(IDatabase db, string campaignId)
    {
        var creators = new Dictionary<(string, string), CreditSums>();
        var content = new Dictionary<(string, string), CreditSums>();
        var assists = new Dictionary<string, long>(StringComparer.Ordinal);
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

        return new CampaignAttribution(creators, content, assists, fallback);
    }

    private async Task<IReadOnlyDictionary<SourcePartition, long>> ReadPartitionHashAsync(string key) =>
        (await Db.HashGetAllAsync(key)).ToDictionary(e => RedisKeys.ParsePartition((string)e.Name!), e => (long)e.Value);

    private static bool IsTransient(string message) =>
        message.StartsWith("LOADING", StringComparison.Ordinal) || message.StartsWith("BUSY", StringComparison.Ordinal) ||
        message.StartsWith("READONLY", StringComparison.Ordinal) || message.StartsWith("MASTERDOWN", StringComparison.Ordinal);

    private static long Long(Dictionary<string, RedisValue> fields, string name) =>
        fields.TryGetValue(name, out var value) ? (long)value : 0;

    private static double Double(Dictionary<string, RedisValue> fields, string name) =>
        fields.TryGetValue(name, out var value) ? double.Parse((string)value!, CultureInfo.InvariantCulture) : 0;
}
