using System.Buffers.Binary;
using System.Globalization;
using CreatorStream.Core.Alerts;
using CreatorStream.Core.Authenticity;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Events;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Sketches;
using CreatorStream.Core.State;
using StackExchange.Redis;

namespace CreatorStream.Redis;

/// <summary>Turns one <see cref="StateDelta"/> into the arguments of <see cref="Scripts.Commit"/>. Stateless.</summary>
internal static class CommitCommand
{
    /// <summary>Field names of an aggregate's figures within a campaign hash ("scope|name").</summary>
    internal static class Fields
    {
        public const string Impressions = "imp";
        public const string Likes = "lik";
        public const string Comments = "com";
        public const string Shares = "sha";
        public const string Saves = "sav";
        public const string Authentic = "aut";
        public const string Clicks = "clk";
        public const string Conversions = "cnv";
        public const string First = "first";
        public const string Last = "last";
        public const string Updated = "upd";
        public const string Format = "fmt";
        public const string Corrected = "cor";
    }

    public static RedisValue[] Build(StateDelta delta, RedisKeys keys, RedisStoreOptions options)
    {
        var args = new List<RedisValue>(64 + (delta.Aggregates.Count * 16))
        {
            keys.Offsets,
            keys.Commits,
            delta.CommitId.Writer ?? "",
            delta.CommitId.Sequence,
            delta.Fence.Count,
        };
        foreach (var (partition, expected) in delta.Fence)
        {
            args.Add(RedisKeys.PartitionField(partition));
            args.Add(expected.ToString(CultureInfo.InvariantCulture));
        }

        var bucketTtl = (long)(options.BucketRetention + TimeSpan.FromHours(1)).TotalSeconds;
        foreach (var (key, change) in delta.Aggregates)
        {
            AddAggregate(args, keys, key, change, delta, bucketTtl);
        }

        AddAttribution(args, keys, delta.Attribution);
        foreach (var alert in delta.Alerts)
        {
            Op(args, "A", keys.Alerts(alert.CampaignId), keys.AlertOrder(alert.CampaignId), keys.AlertSequence(alert.CampaignId), alert.AlertId);
            args.Add(AlertJson.Write(alert));
            args.Add(options.AlertsPerCampaign);
        }

        foreach (var (scope, accounts) in delta.FlaggedAccounts)
        {
            Op(args, "S", keys.Flagged, FlagField(scope));
            args.Add(FlaggedAccountJson.Write(accounts));
        }

        var campaignTtl = (long)options.CampaignTtl.TotalSeconds;
        var touched = delta.Aggregates.Keys.Select(k => k.CampaignId)
            .Concat(delta.Attribution.Credits.Keys.Select(k => k.CampaignId))
            .Concat(delta.Alerts.Select(a => a.CampaignId))
            .Distinct(StringComparer.Ordinal);
        foreach (var campaignId in touched)
        {
            Op(args, "M", keys.Campaigns, campaignId);
            Op(args, "T", keys.BucketIndex(campaignId), (long)options.BucketRetention.TotalMilliseconds, keys.BucketPrefix(campaignId), keys.ReachPrefix(campaignId));
            foreach (var key in new[] { keys.ToDate(campaignId), keys.BucketIndex(campaignId), keys.Credits(campaignId), keys.Alerts(campaignId), keys.AlertOrder(campaignId), keys.AlertSequence(campaignId) })
            {
                Op(args, "E", key, campaignTtl);
            }
        }

        AddBookkeeping(args, keys, delta);
        return [.. args];
    }

    /// <summary>The field of a flagged-account list in <see cref="RedisKeys.Flagged"/>.</summary>
    public static string FlagField(FlagScope scope) =>
        $"{ScopeField.Escape(scope.CampaignId)}|{(scope.CreatorId is { } creator ? ScopeField.Escape(creator) : "*")}|{(scope.ContentId is { } content ? ScopeField.Escape(content) : "*")}";

    /// <summary>A sketch member: the hash (8 bytes, big-endian), then its register index (2 bytes) and rank (1 byte) for the script.</summary>
    public static byte[] SketchMember(ulong hash)
    {
        var member = new byte[11];
        BinaryPrimitives.WriteUInt64BigEndian(member, hash);
        var (index, rank) = HyperLogLog.Position(hash);
        BinaryPrimitives.WriteUInt16BigEndian(member.AsSpan(8), (ushort)index);
        member[10] = rank;
        return member;
    }

    private static void AddAggregate(List<RedisValue> args, RedisKeys keys, AggregateKey key, AggregateDelta change, StateDelta delta, long bucketTtl)
    {
        var hash = key.IsToDate ? keys.ToDate(key.CampaignId) : keys.Bucket(key.CampaignId, key.BucketStart);
        var scope = ScopeField.Of(key);
        var c = change.Counters;
        Increment(args, hash, scope, Fields.Impressions, c.Impressions);
        Increment(args, hash, scope, Fields.Likes, c.Likes);
        Increment(args, hash, scope, Fields.Comments, c.Comments);
        Increment(args, hash, scope, Fields.Shares, c.Shares);
        Increment(args, hash, scope, Fields.Saves, c.Saves);
        Increment(args, hash, scope, Fields.Authentic, c.AuthenticEngagements);
        Increment(args, hash, scope, Fields.Clicks, c.Clicks);
        Increment(args, hash, scope, Fields.Conversions, c.Conversions);
        if (change.FirstEventTs != long.MaxValue)
        {
            Op(args, "L", hash, $"{scope}|{Fields.First}", change.FirstEventTs);
            Op(args, "G", hash, $"{scope}|{Fields.Last}", change.LastEventTs);
        }

        Op(args, "S", hash, $"{scope}|{Fields.Updated}", delta.WallClockMs);
        if (change.Format is { } format)
        {
            Op(args, "N", hash, $"{scope}|{Fields.Format}", WireNames.Of(format));
        }

        if (delta.CorrectedBuckets.Contains(key))
        {
            Op(args, "S", hash, $"{scope}|{Fields.Corrected}", delta.WallClockMs);
        }

        var reach = keys.Reach(key.CampaignId, key.BucketStart, scope);
        if (change.UserHashes.Count > 0)
        {
            var members = change.UserHashes.Distinct().ToList();
            Op(args, "U", reach, members.Count);
            args.AddRange(members.Select(h => (RedisValue)SketchMember(h)));
        }

        if (!key.IsToDate)
        {
            Op(args, "Z", keys.BucketIndex(key.CampaignId), key.BucketStart, key.BucketStart);
            Op(args, "E", hash, bucketTtl);
            Op(args, "E", reach, bucketTtl); // after the sketch add: densifying replaces the key and its expiry
        }
    }

    private static void AddAttribution(List<RedisValue> args, RedisKeys keys, AttributionDelta attribution)
    {
        foreach (var (key, sums) in attribution.Credits)
        {
            var credits = keys.Credits(key.CampaignId);
            var creator = $"r|{ScopeField.Escape(key.CreatorId)}|{key.Model}";
            var content = $"p|{ScopeField.Escape(key.ContentId)}|{key.Model}";
            AddDouble(args, credits, $"{creator}|conv", sums.Conversions);
            AddDouble(args, credits, $"{creator}|rev", sums.Revenue);
            AddDouble(args, credits, $"{content}|conv", sums.Conversions);
            AddDouble(args, credits, $"{content}|rev", sums.Revenue);
        }

        foreach (var (creator, count) in attribution.Assists)
        {
            Op(args, "I", keys.Credits(creator.CampaignId), $"a|{ScopeField.Escape(creator.CreatorId)}", count);
        }

        foreach (var (campaignId, fallback) in attribution.DataDrivenFallback)
        {
            Op(args, "S", keys.Credits(campaignId), "ddf", fallback ? 1 : 0);
        }

        if (attribution.Unattributed.Conversions != 0 || attribution.Unattributed.Revenue != 0)
        {
            AddDouble(args, keys.Counters, "unattributed_conversions", attribution.Unattributed.Conversions);
            AddDouble(args, keys.Counters, "unattributed_revenue", attribution.Unattributed.Revenue);
        }
    }

    private static void AddBookkeeping(List<RedisValue> args, RedisKeys keys, StateDelta delta)
    {
        foreach (var (partition, next) in delta.NextOffsets)
        {
            Op(args, "S", keys.Offsets, RedisKeys.PartitionField(partition), next);
        }

        foreach (var (partition, released) in delta.ReleasedThrough)
        {
            Op(args, "S", keys.Released, RedisKeys.PartitionField(partition), released);
        }

        foreach (var (reason, count) in delta.DeadLetters)
        {
            Op(args, "I", keys.Counters, $"dl:{DeadLetterReasons.Code(reason)}", count);
        }

        if (delta.Events != 0)
        {
            Op(args, "I", keys.Counters, "events", delta.Events);
        }

        if (delta.Duplicates != 0)
        {
            Op(args, "I", keys.Counters, "duplicates", delta.Duplicates);
        }

        if (delta.Watermark != long.MinValue)
        {
            Op(args, "G", keys.Counters, "watermark", delta.Watermark);
        }
    }

    private static void Increment(List<RedisValue> args, string hash, string scope, string field, long by)
    {
        if (by != 0)
        {
            Op(args, "I", hash, $"{scope}|{field}", by);
        }
    }

    private static void AddDouble(List<RedisValue> args, string hash, string field, double value) =>
        Op(args, "D", hash, field, value.ToString("R", CultureInfo.InvariantCulture));

    private static void Op(List<RedisValue> args, string code, params RedisValue[] operands)
    {
        args.Add(code);
        args.AddRange(operands);
    }
}
