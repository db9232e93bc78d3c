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
        public const string Inauthentic = "ina";
        public const string Clicks = "clk";
        public const string Conversions = "cnv";
        public const string Visits = "vis";
        public const string DwellClicks = "dwc";
        public const string DwellMs = "dwm";
        public const string PagedClicks = "pgc";
        public const string Pages = "pgs";
        public const string Bounces = "bnc";
        public const string FunnelReached = "fre";
        public const string FunnelEngaged = "fen";
        public const string FunnelClicked = "fcl";
        public const string FunnelConverted = "fcv";
        public const string ClickEngagedMs = "cem";
        public const string SiteSessions = "ses";
        public const string SessionMs = "sms";
        public const string SessionPages = "spg";
        public const string SessionBounces = "sbn";
        public const string SessionEngagedMs = "sem";
        public const string FunnelLanded = "fld";
        public const string InauthenticClicks = "icl";
        public const string CommentsPositive = "cpo";
        public const string CommentsNeutral = "cne";
        public const string CommentsNegative = "cng";
        public const string CommentsMeaningful = "cmf";
        public const string BrandMentions = "bmn";
        public const string First = "first";
        public const string Last = "last";
        public const string Updated = "upd";
        public const string Format = "fmt";
        public const string Corrected = "cor";
    }

    /// <summary>
    /// The script's KEYS and ARGV for one delta. <paramref name="task"/> names the committing task (its counters and commit
    /// ids); every partition's offset goes to its own task's key, which for a task's delta is the same tag.
    /// <paramref name="parts"/>: where the delta's snapshot was written in parts before the commit (null: it goes in the
    /// commit as one value); <paramref name="withSnapshot"/> false (with no parts) leaves the snapshot out: the last one
    /// stands.
    /// </summary>
    public static (RedisKey[] Keys, RedisValue[] Args) Build(StateDelta delta, string task, RedisKeys keys, RedisStoreOptions options, SnapshotParts? parts = null, bool withSnapshot = true)
    {
        var table = new KeyTable();
        var args = new List<RedisValue>(64 + (delta.Aggregates.Count * 16))
        {
            table[keys.Commits(task)],
            delta.CommitId.Writer ?? "",
            delta.CommitId.Sequence,
            delta.Fence.Count,
        };
        foreach (var (partition, expected) in delta.Fence)
        {
            args.Add(table[keys.Offsets(TaskNames.Of(partition))]);
            args.Add(RedisKeys.PartitionField(partition));
            args.Add(expected.ToString(CultureInfo.InvariantCulture));
        }

        var ops = new Ops(args, table);
        var bucketTtl = (long)(options.BucketRetention + TimeSpan.FromHours(1)).TotalSeconds;
        foreach (var (key, change) in delta.Aggregates)
        {
            AddAggregate(ops, keys, key, change, delta, bucketTtl);
            AddSeries(ops, keys, key, change.Counters, (long)options.CampaignTtl.TotalSeconds);
        }

        AddAttribution(ops, keys, task, delta.Attribution);
        foreach (var alert in delta.Alerts)
        {
            ops.Add("A", table[keys.Alerts(alert.CampaignId)], table[keys.AlertOrder(alert.CampaignId)], table[keys.AlertSequence(alert.CampaignId)], alert.AlertId);
            args.Add(AlertJson.Write(alert));
            args.Add(options.AlertsPerCampaign);
        }

        if (delta.HasFlaggedAccounts)
        {
            foreach (var (scope, accounts) in delta.FlaggedAccounts)
            {
                ops.Add("S", table[keys.Flagged(keys.TaskOf(scope.CampaignId))], FlagField(scope));
                args.Add(FlaggedAccountJson.Write(accounts));
            }
        }

        if (delta.HasContent)
        {
            AddContent(ops, keys, delta.Content);
        }

        var campaignTtl = (long)options.CampaignTtl.TotalSeconds;
        // Each campaign once, in the order first met (a set no one removes from enumerates in the order of its additions).
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in delta.Aggregates.Keys)
        {
            touched.Add(key.CampaignId);
        }

        foreach (var key in delta.Attribution.Credits.Keys)
        {
            touched.Add(key.CampaignId);
        }

        foreach (var alert in delta.Alerts)
        {
            touched.Add(alert.CampaignId);
        }

        if (delta.HasContent)
        {
            delta.Content.AddCampaignsTo(touched);
        }

        foreach (var campaignId in touched)
        {
            ops.Add("T", table[keys.BucketIndex(campaignId)], (long)options.BucketRetention.TotalMilliseconds, keys.BucketPrefix(campaignId), keys.ReachPrefix(campaignId));
            foreach (var key in new[] { keys.ToDate(campaignId), keys.BucketIndex(campaignId), keys.Credits(campaignId), keys.Alerts(campaignId), keys.AlertOrder(campaignId), keys.AlertSequence(campaignId), keys.Content(campaignId), keys.Reviews(campaignId), keys.ReviewTrail(campaignId), keys.Decisions(campaignId), keys.DecisionTrail(campaignId) })
            {
                ops.Add("E", table[key], campaignTtl);
            }
        }

        AddBookkeeping(ops, keys, task, delta, parts, withSnapshot);
        return (table.Keys, [.. args]);
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

    private static void AddContent(Ops ops, RedisKeys keys, Core.Content.ContentDelta content)
    {
        foreach (var ((campaignId, field), post) in content.Posts)
        {
            ops.Add("S", ops.Key(keys.Content(campaignId)), "p|" + field);
            ops.Args.Add(Core.Content.ContentJson.Write(post));
        }

        foreach (var ((campaignId, id), flag) in content.Flags)
        {
            ops.Add("S", ops.Key(keys.Content(campaignId)), "f|" + id);
            ops.Args.Add(Core.Content.ContentJson.Write(flag));
        }

        foreach (var ((campaignId, id), deliverable) in content.Deliverables)
        {
            ops.Add("S", ops.Key(keys.Content(campaignId)), "d|" + id);
            ops.Args.Add(Core.Content.ContentJson.Write(deliverable));
        }

        foreach (var (campaignId, estimates) in content.Estimates)
        {
            ops.Add("S", ops.Key(keys.Content(campaignId)), "e|estimates");
            ops.Args.Add(Core.Content.ContentJson.Write(estimates));
        }

        foreach (var (campaignId, commissions) in content.Commissions)
        {
            ops.Add("S", ops.Key(keys.Content(campaignId)), "c|commissions");
            ops.Args.Add(Core.Content.ContentJson.Write(commissions));
        }
    }

    private static void AddAggregate(Ops ops, RedisKeys keys, AggregateKey key, AggregateDelta change, StateDelta delta, long bucketTtl)
    {
        var hash = ops.Key(key.IsToDate ? keys.ToDate(key.CampaignId) : keys.Bucket(key.CampaignId, key.BucketStart));
        var scope = ScopeField.Of(key);
        IncrementCounters(ops, hash, scope, change.Counters);
        if (change.FirstEventTs != long.MaxValue)
        {
            ops.Add("L", hash, $"{scope}|{Fields.First}", change.FirstEventTs);
            ops.Add("G", hash, $"{scope}|{Fields.Last}", change.LastEventTs);
        }

        ops.Add("S", hash, $"{scope}|{Fields.Updated}", delta.WallClockMs);
        if (change.Format is { } format)
        {
            ops.Add("N", hash, $"{scope}|{Fields.Format}", WireNames.Of(format));
        }

        if (delta.IsCorrected(key))
        {
            ops.Add("S", hash, $"{scope}|{Fields.Corrected}", delta.WallClockMs);
        }

        var reach = ops.Key(keys.Reach(key.CampaignId, key.BucketStart, scope));
        if (change.UserHashes.Count > 0)
        {
            var members = change.UserHashes.Distinct().ToList();
            ops.Add("U", reach, members.Count);
            ops.Args.AddRange(members.Select(h => (RedisValue)SketchMember(h)));
        }

        if (!key.IsToDate)
        {
            ops.Add("Z", ops.Key(keys.BucketIndex(key.CampaignId)), key.BucketStart, key.BucketStart);
            ops.Add("E", hash, bucketTtl);
            ops.Add("E", reach, bucketTtl); // after the sketch add: densifying replaces the key and its expiry
        }
    }

    /// <summary>
    /// Adds a minute bucket's counts to the hour and the day that hold it (campaign and creator scopes: docs/design.md,
    /// "Trends"), in the commit's own slot; each period lives for the campaign's retention after its last change.
    /// </summary>
    private static void AddSeries(Ops ops, RedisKeys keys, AggregateKey key, Counters counts, long ttlSeconds)
    {
        if (key.IsToDate || !SeriesPeriods.Kept(key.Scope))
        {
            return;
        }

        var scope = ScopeField.Of(key);
        foreach (var granularity in (ReadOnlySpan<SeriesGranularity>)[SeriesGranularity.Hour, SeriesGranularity.Day])
        {
            var hash = ops.Key(keys.Series(key.CampaignId, granularity, SeriesPeriods.Start(granularity, key.BucketStart)));
            IncrementCounters(ops, hash, scope, counts);
            ops.Add("E", hash, ttlSeconds);
        }
    }

    private static void IncrementCounters(Ops ops, RedisValue hash, string scope, in Counters c)
    {
        Increment(ops, hash, scope, Fields.Impressions, c.Impressions);
        Increment(ops, hash, scope, Fields.Likes, c.Likes);
        Increment(ops, hash, scope, Fields.Comments, c.Comments);
        Increment(ops, hash, scope, Fields.Shares, c.Shares);
        Increment(ops, hash, scope, Fields.Saves, c.Saves);
        Increment(ops, hash, scope, Fields.Authentic, c.AuthenticEngagements);
        Increment(ops, hash, scope, Fields.Inauthentic, c.InauthenticEngagements);
        Increment(ops, hash, scope, Fields.Clicks, c.Clicks);
        Increment(ops, hash, scope, Fields.Conversions, c.Conversions);
        Increment(ops, hash, scope, Fields.Visits, c.Visits);
        Increment(ops, hash, scope, Fields.DwellClicks, c.DwellClicks);
        Increment(ops, hash, scope, Fields.DwellMs, c.DwellMs);
        Increment(ops, hash, scope, Fields.PagedClicks, c.PagedClicks);
        Increment(ops, hash, scope, Fields.Pages, c.Pages);
        Increment(ops, hash, scope, Fields.Bounces, c.Bounces);
        Increment(ops, hash, scope, Fields.FunnelReached, c.FunnelReached);
        Increment(ops, hash, scope, Fields.FunnelEngaged, c.FunnelEngaged);
        Increment(ops, hash, scope, Fields.FunnelClicked, c.FunnelClicked);
        Increment(ops, hash, scope, Fields.FunnelConverted, c.FunnelConverted);
        Increment(ops, hash, scope, Fields.ClickEngagedMs, c.ClickEngagedMs);
        Increment(ops, hash, scope, Fields.SiteSessions, c.SiteSessions);
        Increment(ops, hash, scope, Fields.SessionMs, c.SessionMs);
        Increment(ops, hash, scope, Fields.SessionPages, c.SessionPages);
        Increment(ops, hash, scope, Fields.SessionBounces, c.SessionBounces);
        Increment(ops, hash, scope, Fields.SessionEngagedMs, c.SessionEngagedMs);
        Increment(ops, hash, scope, Fields.FunnelLanded, c.FunnelLanded);
        Increment(ops, hash, scope, Fields.InauthenticClicks, c.InauthenticClicks);
        Increment(ops, hash, scope, Fields.CommentsPositive, c.CommentsPositive);
        Increment(ops, hash, scope, Fields.CommentsNeutral, c.CommentsNeutral);
        Increment(ops, hash, scope, Fields.CommentsNegative, c.CommentsNegative);
        Increment(ops, hash, scope, Fields.CommentsMeaningful, c.CommentsMeaningful);
        Increment(ops, hash, scope, Fields.BrandMentions, c.BrandMentions);
    }

    private static void AddAttribution(Ops ops, RedisKeys keys, string task, AttributionDelta attribution)
    {
        foreach (var (key, sums) in attribution.Credits)
        {
            var credits = ops.Key(keys.Credits(key.CampaignId));
            var creator = $"r|{ScopeField.Escape(key.CreatorId)}|{key.Model}";
            var content = $"p|{ScopeField.Escape(key.ContentId)}|{key.Model}";
            AddDouble(ops, credits, $"{creator}|conv", sums.Conversions);
            AddDouble(ops, credits, $"{creator}|rev", sums.Revenue);
            AddDouble(ops, credits, $"{content}|conv", sums.Conversions);
            AddDouble(ops, credits, $"{content}|rev", sums.Revenue);
        }

        // Credit and reach per post and country (docs/design.md, "Recommendations"): g|CONTENT|COUNTRY|MODEL|conv and
        // |rev; n|CREATOR|CONTENT|PLATFORM|COUNTRY|imp and |clk.
        foreach (var (key, sums) in attribution.CountryCredits)
        {
            var field = $"g|{ScopeField.Escape(key.ContentId)}|{ScopeField.Escape(key.Country)}|{key.Model}";
            var credits = ops.Key(keys.Credits(key.CampaignId));
            AddDouble(ops, credits, $"{field}|conv", sums.Conversions);
            AddDouble(ops, credits, $"{field}|rev", sums.Revenue);
        }

        foreach (var (key, reach) in attribution.CountryReach)
        {
            var field = $"n|{ScopeField.Escape(key.CreatorId)}|{ScopeField.Escape(key.ContentId)}|{WireNames.Of(key.Platform)}|{ScopeField.Escape(key.Country)}";
            var credits = ops.Key(keys.Credits(key.CampaignId));
            if (reach.Impressions != 0)
            {
                ops.Add("I", credits, $"{field}|imp", reach.Impressions);
            }

            if (reach.Clicks != 0)
            {
                ops.Add("I", credits, $"{field}|clk", reach.Clicks);
            }
        }

        foreach (var (key, change) in attribution.KindCredits)
        {
            var credits = ops.Key(keys.Credits(key.CampaignId));
            var field = $"k|{ScopeField.Escape(key.CreatorId)}|{WireNames.Of(key.Kind)}|{key.Model}";
            AddDouble(ops, credits, $"{field}|conv", change.Conversions);
            AddDouble(ops, credits, $"{field}|rev", change.Revenue);
            if (change.NewCustomers != 0)
            {
                AddDouble(ops, credits, $"{field}|new", change.NewCustomers);
            }

            if (change.Qualified != 0)
            {
                AddDouble(ops, credits, $"{field}|qual", change.Qualified);
            }

            if (change.Won != 0)
            {
                AddDouble(ops, credits, $"{field}|won", change.Won);
            }

            // Customer value (docs/design.md, "Customer value"): written only when it moved, as most orders move none.
            AddMoved(ops, credits, field, "acq", change.Acquired);
            AddMoved(ops, credits, field, "acqv", change.AcquiredRevenue);
            AddMoved(ops, credits, field, "ret", change.Returning);
            AddMoved(ops, credits, field, "rpv", change.RepeatOwnRevenue);
            AddMoved(ops, credits, field, "rc30", change.RepeatCustomers30);
            AddMoved(ops, credits, field, "rc90", change.RepeatCustomers90);
            AddMoved(ops, credits, field, "rc180", change.RepeatCustomers180);
            AddMoved(ops, credits, field, "rv30", change.RepeatRevenue30);
            AddMoved(ops, credits, field, "rv90", change.RepeatRevenue90);
            AddMoved(ops, credits, field, "rv180", change.RepeatRevenue180);
        }

        foreach (var (key, change) in attribution.Orders)
        {
            var credits = ops.Key(keys.Credits(key.CampaignId));
            var field = $"o|{ScopeField.Escape(key.CreatorId)}|{WireNames.Of(key.Kind)}";
            if (change.Count != 0)
            {
                ops.Add("I", credits, $"{field}|n", change.Count);
            }

            AddDouble(ops, credits, $"{field}|v", change.Value);
        }

        foreach (var (creator, count) in attribution.Assists)
        {
            ops.Add("I", ops.Key(keys.Credits(creator.CampaignId)), $"a|{ScopeField.Escape(creator.CreatorId)}", count);
        }

        foreach (var (campaignId, fallback) in attribution.DataDrivenFallback)
        {
            ops.Add("S", ops.Key(keys.Credits(campaignId)), "ddf", fallback ? 1 : 0);
        }

        if (attribution.Unattributed.Conversions != 0 || attribution.Unattributed.Revenue != 0)
        {
            var counters = ops.Key(keys.Counters(task));
            AddDouble(ops, counters, "unattributed_conversions", attribution.Unattributed.Conversions);
            AddDouble(ops, counters, "unattributed_revenue", attribution.Unattributed.Revenue);
        }
    }

    private static void AddBookkeeping(Ops ops, RedisKeys keys, string task, StateDelta delta, SnapshotParts? parts, bool withSnapshot)
    {
        foreach (var (partition, next) in delta.NextOffsets)
        {
            var partitionTask = TaskNames.Of(partition);
            ops.Add("S", ops.Key(keys.Offsets(partitionTask)), RedisKeys.PartitionField(partition), next);
            if (parts is not null)
            {
                ops.Add("P", ops.Key(keys.Snapshots(partitionTask)), RedisKeys.PartitionField(partition), ops.Key(parts.Key), parts.Count, parts.Manifest);
            }
            else if (withSnapshot && delta.Snapshot is { } snapshot)
            {
                ops.Add("Q", ops.Key(keys.Snapshots(partitionTask)), RedisKeys.PartitionField(partition), snapshot.ToArray());
            }
        }

        var counters = ops.Key(keys.Counters(task));
        foreach (var (reason, count) in delta.DeadLetters)
        {
            ops.Add("I", counters, $"dl:{DeadLetterReasons.Code(reason)}", count);
        }

        if (delta.Events != 0)
        {
            ops.Add("I", counters, "events", delta.Events);
        }

        if (delta.Duplicates != 0)
        {
            ops.Add("I", counters, "duplicates", delta.Duplicates);
        }

        if (delta.ProbableDuplicates != 0)
        {
            ops.Add("I", counters, "duplicates_probable", delta.ProbableDuplicates);
        }

        if (delta.DedupFilterLookups != 0)
        {
            ops.Add("I", counters, "dedup_filter_lookups", delta.DedupFilterLookups);
        }

        if (delta.UnmatchedSessions != 0)
        {
            ops.Add("I", counters, "unmatched_sessions", delta.UnmatchedSessions);
        }

        if (delta.Watermark != long.MinValue)
        {
            ops.Add("G", counters, "watermark", delta.Watermark);
        }
    }

    private static void Increment(Ops ops, RedisValue hash, string scope, string field, long by)
    {
        if (by != 0)
        {
            ops.Add("I", hash, $"{scope}|{field}", by);
        }
    }

    private static void AddDouble(Ops ops, RedisValue hash, string field, double value) =>
        ops.Add("D", hash, field, value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Adds <paramref name="value"/> to the hash field <c>{scope}|{measure}</c> when it is not 0 (read back by RedisStateStore).</summary>
    private static void AddMoved(Ops ops, RedisValue hash, string scope, string measure, double value)
    {
        if (value != 0)
        {
            AddDouble(ops, hash, $"{scope}|{measure}", value);
        }
    }

    /// <summary>The script's KEYS in order of first use; each key's 1-based index is what operations name.</summary>
    private sealed class KeyTable
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<RedisKey> _keys = [];

        public RedisKey[] Keys => [.. _keys];

        public RedisValue this[string key]
        {
            get
            {
                if (!_index.TryGetValue(key, out var index))
                {
                    _keys.Add(key);
                    index = _keys.Count;
                    _index.Add(key, index);
                }

                return index;
            }
        }
    }

    /// <summary>Appends operations (an opcode and its operands) to the script's ARGV.</summary>
    private sealed class Ops(List<RedisValue> args, KeyTable table)
    {
        public List<RedisValue> Args => args;

        public RedisValue Key(string key) => table[key];

        public void Add(string code, params RedisValue[] operands)
        {
            args.Add(code);
            args.AddRange(operands);
        }
    }
}
