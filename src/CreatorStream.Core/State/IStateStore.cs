using CreatorStream.Core.Alerts;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Core.State;

/// <summary>
/// Where the pipeline's state lives (memory for <c>run</c> and tests, Redis in production). Implementations are
/// thread-safe: one writer (the worker's commit stage) and many readers (REST, hub, reports).
/// </summary>
public interface IStateStore
{
    /// <summary>
    /// Applies a batch's delta and records the offsets it covers, atomically; a commit whose <see cref="StateDelta.CommitId"/>
    /// was already applied is ignored (a retry after a lost reply).
    /// </summary>
    /// <exception cref="StateFencedException">A stored offset differs from the delta's <see cref="StateDelta.Fence"/>; nothing was applied.</exception>
    ValueTask CommitAsync(StateDelta delta, CancellationToken cancellationToken);

    /// <summary>
    /// The largest snapshot (<see cref="StateDelta.Snapshot"/>) a commit may carry: a worker does not commit a larger one
    /// (it keeps its last, docs/design.md, "Recovery"). No limit by default.
    /// </summary>
    long MaxSnapshotBytes => long.MaxValue;

    /// <summary>
    /// Where the snapshot of <paramref name="partition"/>'s task about to be written puts its full chunks as they fill
    /// (docs/design.md, "Recovery"), so a large state is not held whole beside itself until the commit; null when this
    /// store takes a snapshot only whole, in the commit (the default). A snapshot written through it is committed by this
    /// store alone, with its partition's offset; one that will not be committed is abandoned (<see cref="Snapshots.ISnapshotSink.Abandon"/>).
    /// </summary>
    Snapshots.ISnapshotSink? OpenSnapshotSink(SourcePartition partition) => null;

    /// <summary>Where the tasks of <paramref name="partitions"/> stand: offsets committed with the state, and snapshots.</summary>
    ValueTask<Checkpoint> ReadCheckpointAsync(IReadOnlyCollection<SourcePartition> partitions, CancellationToken cancellationToken);

    ValueTask<CampaignState> ReadCampaignAsync(string campaignId, StateWindow window, CancellationToken cancellationToken);

    /// <summary>
    /// The stored aggregates a view of <paramref name="window"/> is made of, as copies the caller may keep: every scope to
    /// date, or for a rolling window every scope's one-minute buckets from the window's first to the campaign's newest.
    /// <see cref="ReadCampaignAsync"/> is these merged and shaped.
    /// </summary>
    ValueTask<IReadOnlyDictionary<Metrics.AggregateKey, Metrics.Aggregate>> ReadAggregatesAsync(string campaignId, StateWindow window, CancellationToken cancellationToken);

    /// <summary>
    /// Exactly <paramref name="keys"/> (to date or one bucket, all of <paramref name="campaignId"/>), as copies the caller
    /// may keep; a key with nothing stored is absent. What a reader keeping views from the change feed re-reads.
    /// </summary>
    ValueTask<IReadOnlyDictionary<Metrics.AggregateKey, Metrics.Aggregate>> ReadAggregatesAsync(string campaignId, IReadOnlyCollection<Metrics.AggregateKey> keys, CancellationToken cancellationToken);

    /// <summary>A campaign's attribution to date (as in <see cref="CampaignState.Attribution"/>).</summary>
    ValueTask<CampaignAttribution> ReadAttributionAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>The watermark of the task that holds the campaign (as in <see cref="CampaignState.Watermark"/>; <see cref="long.MinValue"/> before any).</summary>
    ValueTask<long> ReadWatermarkAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>
    /// The one-minute buckets of one aggregate (<paramref name="key"/> in its to-date form) that start in
    /// [<paramref name="fromInclusive"/>, <paramref name="toExclusive"/>), oldest first; a minute with no events has no bucket.
    /// </summary>
    ValueTask<IReadOnlyList<BucketView>> ReadBucketsAsync(Metrics.AggregateKey key, long fromInclusive, long toExclusive, CancellationToken cancellationToken);

    /// <summary>
    /// The long series of a campaign or creator aggregate (<paramref name="key"/> in its to-date form): its hours or days
    /// that start in [<paramref name="fromInclusive"/>, <paramref name="toExclusive"/>), oldest first; a period with no
    /// events is absent. Kept for the campaign's life (docs/design.md, "Trends"), unlike the minutes.
    /// </summary>
    /// <exception cref="ArgumentException">A post's key (posts have no long series), or a range of more than <see cref="MaxSeriesPeriods"/> periods.</exception>
    ValueTask<IReadOnlyList<PeriodView>> ReadSeriesAsync(Metrics.AggregateKey key, SeriesGranularity granularity, long fromInclusive, long toExclusive, CancellationToken cancellationToken);

    /// <summary>The most periods one series read may span: a year of hours.</summary>
    const int MaxSeriesPeriods = 366 * 24;

    ValueTask<StreamCounters> ReadCountersAsync(CancellationToken cancellationToken);

    /// <summary>The latest flagged accounts published for a scope (empty when none were).</summary>
    ValueTask<IReadOnlyList<Authenticity.FlaggedAccount>> ReadFlaggedAccountsAsync(FlagScope scope, CancellationToken cancellationToken);

    /// <summary>A campaign's posts, compliance flags and deliverables as the stream last wrote them (docs/design.md, "Content").</summary>
    ValueTask<Content.CampaignContent> ReadContentAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>People's reviews of a campaign's compliance flags (a flag absent is open), and the audit trail, oldest first.</summary>
    ValueTask<Content.ReviewLedger> ReadReviewsAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>
    /// Records one review action atomically with its audit entry, if the flag is still in <see cref="Content.ReviewEntry.From"/>;
    /// otherwise changes nothing (someone acted first). Says whether it was applied, and the flag's state after.
    /// </summary>
    ValueTask<Content.ReviewOutcome> ReviewAsync(string campaignId, Content.ReviewEntry entry, CancellationToken cancellationToken);

    /// <summary>People's decisions on a campaign's commission statements (the latest per statement) and the audit trail, oldest first.</summary>
    ValueTask<Commissions.StatementDecisions> ReadDecisionsAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>
    /// Records one decision on a commission statement atomically with its audit entry, if the statement is still in
    /// <see cref="Commissions.StatementDecision.From"/>; otherwise changes nothing (someone decided first). Says whether
    /// it was applied, and the statement's state after.
    /// </summary>
    ValueTask<Commissions.DecisionOutcome> DecideAsync(string campaignId, Commissions.StatementDecision decision, CancellationToken cancellationToken);

    /// <summary>A campaign's alerts, oldest first (a bounded number of the most recent).</summary>
    ValueTask<IReadOnlyList<Alert>> ReadAlertsAsync(string campaignId, CancellationToken cancellationToken);
}
