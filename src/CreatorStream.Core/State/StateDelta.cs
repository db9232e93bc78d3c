using CreatorStream.Core.Alerts;
using CreatorStream.Core.Decoding;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.State;

/// <summary>
/// Everything one micro-batch changes, and the offsets it covers: a store applies it in one atomic step
/// (docs/design.md, "Event time"), so state and offsets never disagree. Built by one thread, then read-only.
/// </summary>
public sealed class StateDelta
{
    private DeltaParts? _parts;
    private bool _committed;

    // Made on first write: a source task's delta has only its routed offsets of these, and a worker commits a delta per
    // task and batch, so eager ones cost a dozen objects each (docs/design.md, "Per-event cost"). A brand task's makes
    // its content (estimates and commissions are published every batch) and applied origins. Only writers use the
    // properties that make them; readers ask first (HasContent, IsCorrected, ...), so reading a delta makes none.
    private HashSet<AggregateKey>? _corrected;
    private Dictionary<SourcePartition, long>? _appliedOrigins;
    private Dictionary<SourcePartition, long>? _routedThrough;
    private Dictionary<FlagScope, IReadOnlyList<Authenticity.FlaggedAccount>>? _flagged;
    private Content.ContentDelta? _content;

    /// <summary>
    /// What the batch adds to each aggregate. With <see cref="Attribution"/>, borrowed from a pool on first use and given
    /// back at <see cref="Committed"/>: reading either after that throws.
    /// </summary>
    public Dictionary<AggregateKey, AggregateDelta> Aggregates => Parts.Aggregates;

    /// <summary>
    /// The task that commits this delta (a source partition's or a brand partition's task, docs/design.md "Dataflow"):
    /// a store keeps each task's offsets and snapshot apart. Null for a delta of the whole topology in one process.
    /// </summary>
    public string? Task { get; set; }

    /// <summary>
    /// The committing task's state as of <see cref="NextOffsets"/> (null: keep the last one). A task has one input
    /// partition, so a store keeps it per partition, and it is stored with the figures in the same atomic step.
    /// </summary>
    public Snapshots.SnapshotBytes? Snapshot { get; set; }

    /// <summary>
    /// Set by a store that committed this delta without its <see cref="Snapshot"/> (its parts could not be written, or
    /// were gone when the commit landed): the last snapshot stands, and the task should take its next one soon rather
    /// than a whole interval later.
    /// </summary>
    public bool SnapshotDropped { get; set; }

    /// <summary>Buckets a late event changed after the watermark had closed them (corrections); made on first use.</summary>
    public HashSet<AggregateKey> CorrectedBuckets => _corrected ??= [];

    /// <summary>Whether <see cref="CorrectedBuckets"/> was made (only writers make it): a reader skips it when not.</summary>
    public bool HasCorrections => _corrected is not null;

    /// <summary>Whether a late event changed <paramref name="key"/> after the watermark had closed it.</summary>
    public bool IsCorrected(AggregateKey key) => _corrected is { } corrected && corrected.Contains(key);

    /// <summary>For each partition in the batch, the offset of the next record to read.</summary>
    public Dictionary<SourcePartition, long> NextOffsets { get; } = [];

    /// <summary>
    /// For every partition the worker owns, the store offset it expects to find before this batch (<see cref="NoOffset"/>
    /// when none is stored yet). A store refuses the whole batch when one differs (<see cref="StateFencedException"/>),
    /// so a worker that lost a partition without noticing cannot commit it twice.
    /// </summary>
    public Dictionary<SourcePartition, long> Fence { get; } = [];

    /// <summary>Who commits and the commit's sequence number: a store applies a retried commit (same both) only once.</summary>
    public CommitId CommitId { get; set; }

    /// <summary>
    /// For a brand task: per ingest partition, the offset of the last record of it this batch applied (how far the figures
    /// now cover each source; for measuring, not stored).
    /// </summary>
    public Dictionary<SourcePartition, long> AppliedOrigins => _appliedOrigins ??= [];

    /// <summary>Whether <see cref="AppliedOrigins"/> was made (only writers make it): a reader skips it when not.</summary>
    public bool HasAppliedOrigins => _appliedOrigins is not null;

    /// <summary>For a source task: per partition, the offset of the last record this batch routed on to the brand topic (for measuring, not stored).</summary>
    public Dictionary<SourcePartition, long> RoutedThrough => _routedThrough ??= [];

    /// <summary>Whether <see cref="RoutedThrough"/> was made (only writers make it): a reader skips it when not.</summary>
    public bool HasRoutedThrough => _routedThrough is not null;

    /// <summary>The <see cref="Fence"/> value of a partition with no stored offset.</summary>
    public const long NoOffset = -1;

    public Dictionary<DeadLetterReason, long> DeadLetters { get; } = [];

    /// <summary>Conversion credit, assists and unattributed conversions from this batch (borrowed as <see cref="Aggregates"/> is).</summary>
    public AttributionDelta Attribution => Parts.Attribution;

    /// <summary>Latest flagged-account lists (explainability), replacing earlier ones for the same scope; empty most batches.</summary>
    public Dictionary<FlagScope, IReadOnlyList<Authenticity.FlaggedAccount>> FlaggedAccounts => _flagged ??= [];

    /// <summary>Whether <see cref="FlaggedAccounts"/> was made (only writers make it): a reader skips it when not.</summary>
    public bool HasFlaggedAccounts => _flagged is not null;

    /// <summary>Posts, compliance flags and deliverables this batch changed, each whole (docs/design.md, "Content"); made on first use.</summary>
    public Content.ContentDelta Content => _content ??= new();

    /// <summary>Whether <see cref="Content"/> was made (only writers make it): a reader skips it when not.</summary>
    public bool HasContent => _content is not null;

    /// <summary>Alerts raised by this batch.</summary>
    public List<Alert> Alerts { get; } = [];

    /// <summary>Events counted (not dead-lettered, not duplicates).</summary>
    public long Events { get; set; }

    public long Duplicates { get; set; }

    /// <summary>Of <see cref="Duplicates"/>, those only a deduplication filter recognised (decision 0014: each wrong with probability at most the filter's rate).</summary>
    public long ProbableDuplicates { get; set; }

    /// <summary>Deduplication filters consulted (by ids older than the exact tier, each filter of the id's hour): the rate times this bounds the expected wrong verdicts.</summary>
    public long DedupFilterLookups { get; set; }

    /// <summary>Site sessions that joined no creator's click: the brand's other traffic (docs/design.md, "Outcomes", referral quality).</summary>
    public long UnmatchedSessions { get; set; }

    /// <summary>The worker's watermark after the batch.</summary>
    public long Watermark { get; set; } = long.MinValue;

    /// <summary>When the batch was formed (ms): the freshness of what it changes.</summary>
    public long WallClockMs { get; init; }

    /// <summary>The campaigns whose figures or alerts this batch changed, each once, in the order <see cref="AddCampaignsTo"/> finds them.</summary>
    public IEnumerable<string> Campaigns
    {
        get
        {
            var campaigns = new HashSet<string>(StringComparer.Ordinal);
            AddCampaignsTo(campaigns);
            return campaigns; // a set no one removes from enumerates in the order of its additions
        }
    }

    /// <summary>
    /// Adds the campaigns whose figures or alerts this batch changed to <paramref name="campaigns"/>: those with a
    /// to-date campaign figure, then those with alerts, credits and content. For a caller that keeps its set from batch to batch.
    /// </summary>
    public void AddCampaignsTo(HashSet<string> campaigns)
    {
        foreach (var key in Aggregates.Keys)
        {
            if (key.Scope == AggregateScope.Campaign && key.IsToDate)
            {
                campaigns.Add(key.CampaignId);
            }
        }

        foreach (var alert in Alerts)
        {
            campaigns.Add(alert.CampaignId);
        }

        foreach (var key in Attribution.Credits.Keys)
        {
            campaigns.Add(key.CampaignId);
        }

        _content?.AddCampaignsTo(campaigns);
    }

    private DeltaParts Parts => _parts ?? Borrow();

    /// <summary>How many times the pool had lent this delta's parts, this time included (for tests; 0 before any are borrowed).</summary>
    internal int PartsLent => _parts?.Lent ?? 0;

    /// <summary>
    /// The number of the lending of this delta's aggregates (<see cref="DeltaParts.Lending"/>; they are borrowed now if
    /// they were not): an aggregate delta <see cref="For"/> gave stays this delta's for key while the number is the same.
    /// </summary>
    internal long AggregatesLending => Parts.Lending;

    public AggregateDelta For(AggregateKey key)
    {
        var parts = Parts;
        ref var delta = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(parts.Aggregates, key, out var exists);
        if (!exists)
        {
            delta = parts.NewAggregate();
        }

        return delta!;
    }

    /// <summary>
    /// The store has applied this delta, and everything that reads its figures has read them: the aggregate deltas (and
    /// their user hashes' arrays) and the attribution delta go back to their pools, emptied, for a later batch
    /// (<see cref="DeltaParts"/>). Called by the committer once a batch is wholly committed; the offsets, counts, alerts
    /// and dead letters stay readable, and reading <see cref="Aggregates"/> or <see cref="Attribution"/> throws.
    /// </summary>
    public void Committed()
    {
        _committed = true;
        var parts = _parts;
        _parts = null;
        parts?.Return();
    }

    private DeltaParts Borrow()
    {
        if (_committed)
        {
            throw new InvalidOperationException("this batch's delta is committed: its aggregates and attribution went back to their pool (StateDelta.Committed)");
        }

        return _parts = DeltaParts.Rent();
    }

    public void CountDeadLetter(DeadLetterReason reason) =>
        DeadLetters[reason] = DeadLetters.GetValueOrDefault(reason) + 1;
}
