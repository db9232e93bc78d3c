using CreatorStream.Core.Streaming;

namespace CreatorStream.Redis;

/// <summary>
/// The Redis key schema, in one place (documented with retention in docs/redis-keys.md). Every key of a task's commit
/// carries that task's hash tag, <c>{PREFIX:TASK}</c> (docs/design.md, "Dataflow": <c>b7</c> for brand partition 7,
/// <c>s:TOPIC/P</c> for an ingest partition), so one commit touches one Redis Cluster slot; a campaign's keys carry the
/// tag of the brand task that owns it (<paramref name="taskOfCampaign"/>). Ids are escaped (<see cref="ScopeField"/>),
/// so any content id is safe inside a key or field name. Immutable and thread-safe.
/// </summary>
public sealed class RedisKeys(string prefix, Func<string, string> taskOfCampaign)
{
    public string Prefix { get; } = prefix;

    /// <summary>The hash tag of a task's keys.</summary>
    public string Tag(string task) => $"{{{Prefix}:{task}}}";

    /// <summary>HASH "topic/partition" → next offset to read: written in the same atomic step as the task's state.</summary>
    public string Offsets(string task) => $"{Tag(task)}:offsets";

    /// <summary>
    /// HASH "topic/partition" → the task's last snapshot (its state at an offset the snapshot records), when it is small
    /// enough to keep in one value; "topic/partition|parts" → where a larger one is kept in parts
    /// (<see cref="SnapshotParts"/>: the parts' key, their number, the snapshot's bytes and the parts' order, one per line). A partition has
    /// one of the two fields, never both.
    /// </summary>
    public string Snapshots(string task) => $"{Tag(task)}:snapshot";

    /// <summary>
    /// HASH of a large snapshot's parts, part number → bytes, written as the snapshot is (<see cref="RedisSnapshotSink"/>)
    /// with a time to live until the commit that names them makes them permanent, so the parts of a commit that never
    /// lands go by themselves; the manifest gives their order. <paramref name="id"/> is new for each snapshot. Deleted by
    /// the commit that replaces it. (Older builds wrote a LIST of the parts in order; its manifest has no order line.)
    /// </summary>
    public string SnapshotParts(string task, string field, string id) => $"{Tag(task)}:snapshot-parts:{field}:{id}";

    /// <summary>The field of <see cref="Snapshots"/> that names a partition's snapshot kept in parts.</summary>
    public static string PartsField(string partitionField) => partitionField + "|parts";

    /// <summary>HASH writer id → sequence number of its last applied commit of this task (repeats are ignored).</summary>
    public string Commits(string task) => $"{Tag(task)}:commits";

    /// <summary>HASH of a task's counters: events, duplicates, dl:REASON, unattributed_*, watermark.</summary>
    public string Counters(string task) => $"{Tag(task)}:counters";

    /// <summary>HASH scope → latest flagged-account list (JSON) of the campaigns a brand task owns.</summary>
    public string Flagged(string task) => $"{Tag(task)}:flagged";

    /// <summary>SET of the tasks that have committed (written before a task's first commit): where counters are summed from.</summary>
    public string Tasks => $"{Prefix}:tasks";

    /// <summary>STRING: the number of brand partitions the stored keys were placed by (the workers write it, readers use it).</summary>
    public string Layout => $"{Prefix}:layout";

    /// <summary>Pub/sub channel: committed changes and alerts, for web roles.</summary>
    public string ChangesChannel => $"{Prefix}:changes";

    /// <summary>The brand task that owns a campaign's keys.</summary>
    public string TaskOf(string campaignId) => taskOfCampaign(campaignId);

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

    /// <summary>HASH "scope|field" → count: one hour or day of the campaign's and its creators' long series (docs/design.md, "Trends").</summary>
    public string Series(string campaignId, Core.State.SeriesGranularity granularity, long start) =>
        $"{Campaign(campaignId)}:{(granularity == Core.State.SeriesGranularity.Hour ? "h" : "d")}:{start}";

    /// <summary>HASH of a campaign's attribution: credit per creator and post and model, assists, data-driven fallback.</summary>
    public string Credits(string campaignId) => $"{Campaign(campaignId)}:credits";

    /// <summary>HASH alert id → alert JSON.</summary>
    public string Alerts(string campaignId) => $"{Campaign(campaignId)}:alerts";

    /// <summary>ZSET alert id by arrival order (the feed's order, and which to drop past the limit).</summary>
    public string AlertOrder(string campaignId) => $"{Campaign(campaignId)}:alert-order";

    /// <summary>STRING counter giving each new alert its arrival number.</summary>
    public string AlertSequence(string campaignId) => $"{Campaign(campaignId)}:alert-seq";

    /// <summary>
    /// HASH "p|post", "f|flag id", "d|deliverable id" → the record's JSON: a campaign's posts, compliance flags and
    /// deliverables (docs/design.md, "Content"); "e|estimates" → its estimates beyond tracked links (docs/design.md, "Estimates").
    /// </summary>
    public string Content(string campaignId) => $"{Campaign(campaignId)}:content";

    /// <summary>HASH flag id → "state\n" and the review's JSON: people's reviews of a campaign's compliance flags.</summary>
    public string Reviews(string campaignId) => $"{Campaign(campaignId)}:reviews";

    /// <summary>LIST of review entries (JSON), oldest first: the audit trail of the review queue, never rewritten.</summary>
    public string ReviewTrail(string campaignId) => $"{Campaign(campaignId)}:review-trail";

    /// <summary>People's latest decision per commission statement (docs/design.md, "Commissions"): field statement id, value state + newline + JSON.</summary>
    public string Decisions(string campaignId) => $"{Campaign(campaignId)}:statements";

    /// <summary>Every decision on a commission statement, oldest first (a list of JSON).</summary>
    public string DecisionTrail(string campaignId) => $"{Campaign(campaignId)}:statement-trail";

    /// <summary>The field naming a partition in <see cref="Offsets"/> and <see cref="Snapshots"/>.</summary>
    public static string PartitionField(SourcePartition partition) => $"{partition.Topic}/{partition.Partition}";

    public static SourcePartition ParsePartition(string field)
    {
        var slash = field.LastIndexOf('/');
        return new SourcePartition(field[..slash], int.Parse(field.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture));
    }

    private string Campaign(string campaignId) => $"{Tag(TaskOf(campaignId))}:c:{ScopeField.Escape(campaignId)}";
}
