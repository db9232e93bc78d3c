using CreatorStream.Core.Streaming;

namespace CreatorStream.Redis;

/// <summary>
/// The Redis key schema, in one place (documented with retention in docs/redis-keys.md). Every key starts with the
/// configured prefix, so several deployments or tests can share one server. Ids are escaped (<see cref="ScopeField"/>),
/// so any content id is safe inside a key or field name. Immutable and thread-safe.
/// </summary>
public sealed class RedisKeys(string prefix)
{
    public string Prefix { get; } = prefix;

    /// <summary>HASH "topic/partition" → next offset to read: written in the same atomic step as the state.</summary>
    public string Offsets => $"{Prefix}:offsets";

    /// <summary>HASH "topic/partition" → watermark through which that partition's events are released.</summary>
    public string Released => $"{Prefix}:released";

    /// <summary>HASH writer id → sequence number of its last applied commit (repeats are ignored).</summary>
    public string Commits => $"{Prefix}:commits";

    /// <summary>HASH of stream counters: events, duplicates, dl:REASON, unattributed_*, watermark.</summary>
    public string Counters => $"{Prefix}:counters";

    /// <summary>SET of campaign ids with stored state.</summary>
    public string Campaigns => $"{Prefix}:campaigns";

    /// <summary>HASH scope → latest flagged-account list (JSON).</summary>
    public string Flagged => $"{Prefix}:flagged";

    /// <summary>Pub/sub channel: committed changes and alerts, for web roles.</summary>
    public string ChangesChannel => $"{Prefix}:changes";

    /// <summary>HASH "scope|field" → value: a campaign's aggregates to date.</summary>
    public string ToDate(string campaignId) => $"{Campaign(campaignId)}:todate";

    /// <summary>HASH "scope|field" → value: a campaign's aggregates in the one-minute bucket starting at <paramref name="start"/>.</summary>
    public string Bucket(string campaignId, long start) => $"{BucketPrefix(campaignId)}{start}";

    public string BucketPrefix(string campaignId) => $"{Campaign(campaignId)}:b:";

    /// <summary>ZSET of a campaign's bucket starts (member and score both the start, ms).</summary>
    public string BucketIndex(string campaignId) => $"{Campaign(campaignId)}:buckets";

    /// <summary>Reach sketch of one scope: a SET of 11-byte members while exact, then a 16,384-byte STRING of registers.</summary>
    public string Reach(string campaignId, long bucketStart, string scope) =>
        bucketStart < 0 ? $"{Campaign(campaignId)}:reach:todate:{scope}" : $"{ReachPrefix(campaignId)}{bucketStart}:{scope}";

    public string ReachPrefix(string campaignId) => $"{Campaign(campaignId)}:reach:";

    /// <summary>HASH of a campaign's attribution: credit per creator and post and model, assists, data-driven fallback.</summary>
    public string Credits(string campaignId) => $"{Campaign(campaignId)}:credits";

    /// <summary>HASH alert id → alert JSON.</summary>
    public string Alerts(string campaignId) => $"{Campaign(campaignId)}:alerts";

    /// <summary>ZSET alert id by arrival order (the feed's order, and which to drop past the limit).</summary>
    public string AlertOrder(string campaignId) => $"{Campaign(campaignId)}:alert-order";

    /// <summary>STRING counter giving each new alert its arrival number.</summary>
    public string AlertSequence(string campaignId) => $"{Campaign(campaignId)}:alert-seq";

    /// <summary>The field naming a partition in <see cref="Offsets"/> and <see cref="Released"/>.</summary>
    public static string PartitionField(SourcePartition partition) => $"{partition.Topic}/{partition.Partition}";

    public static SourcePartition ParsePartition(string field)
    {
        var slash = field.LastIndexOf('/');
        return new SourcePartition(field[..slash], int.Parse(field.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture));
    }

    private string Campaign(string campaignId) => $"{Prefix}:c:{ScopeField.Escape(campaignId)}";
}
