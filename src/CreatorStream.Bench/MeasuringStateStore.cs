using CreatorStream.Core.Alerts;
using CreatorStream.Core.Metrics;
using CreatorStream.Core.State;
using CreatorStream.Core.Streaming;

namespace CreatorStream.Bench;

/// <summary>
/// A state store that passes everything to the real one and, once a commit has returned (its state readable by
/// every reader from then on), notes it in the <see cref="CommitTimeline"/>: the "visible in the store" end of
/// the bench's latency. Thread-safe as the inner store is.
/// </summary>
public sealed class MeasuringStateStore(IStateStore inner, CommitTimeline timeline, TimeProvider clock) : IStateStore, IBrandLayoutStore
{
    public async ValueTask CommitAsync(StateDelta delta, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        await inner.CommitAsync(delta, cancellationToken);
        timeline.Record(delta, started, clock.GetTimestamp());
    }

    public long MaxSnapshotBytes => inner.MaxSnapshotBytes;

    public Core.Snapshots.ISnapshotSink? OpenSnapshotSink(SourcePartition partition) => inner.OpenSnapshotSink(partition);

    public Task UseLayoutAsync(int brandPartitions) => inner is IBrandLayoutStore layout ? layout.UseLayoutAsync(brandPartitions) : Task.CompletedTask;

    public ValueTask<Checkpoint> ReadCheckpointAsync(IReadOnlyCollection<SourcePartition> partitions, CancellationToken cancellationToken) =>
        inner.ReadCheckpointAsync(partitions, cancellationToken);

    public ValueTask<CampaignState> ReadCampaignAsync(string campaignId, StateWindow window, CancellationToken cancellationToken) =>
        inner.ReadCampaignAsync(campaignId, window, cancellationToken);

    public ValueTask<IReadOnlyDictionary<AggregateKey, Aggregate>> ReadAggregatesAsync(string campaignId, StateWindow window, CancellationToken cancellationToken) =>
        inner.ReadAggregatesAsync(campaignId, window, cancellationToken);

    public ValueTask<IReadOnlyDictionary<AggregateKey, Aggregate>> ReadAggregatesAsync(string campaignId, IReadOnlyCollection<AggregateKey> keys, CancellationToken cancellationToken) =>
        inner.ReadAggregatesAsync(campaignId, keys, cancellationToken);

    public ValueTask<CampaignAttribution> ReadAttributionAsync(string campaignId, CancellationToken cancellationToken) => inner.ReadAttributionAsync(campaignId, cancellationToken);

    public ValueTask<long> ReadWatermarkAsync(string campaignId, CancellationToken cancellationToken) => inner.ReadWatermarkAsync(campaignId, cancellationToken);

    public ValueTask<IReadOnlyList<BucketView>> ReadBucketsAsync(AggregateKey key, long fromInclusive, long toExclusive, CancellationToken cancellationToken) =>
        inner.ReadBucketsAsync(key, fromInclusive, toExclusive, cancellationToken);

    public ValueTask<IReadOnlyList<PeriodView>> ReadSeriesAsync(AggregateKey key, SeriesGranularity granularity, long fromInclusive, long toExclusive, CancellationToken cancellationToken) =>
        inner.ReadSeriesAsync(key, granularity, fromInclusive, toExclusive, cancellationToken);

    public ValueTask<StreamCounters> ReadCountersAsync(CancellationToken cancellationToken) => inner.ReadCountersAsync(cancellationToken);

    public ValueTask<Core.Content.CampaignContent> ReadContentAsync(string campaignId, CancellationToken cancellationToken) =>
        inner.ReadContentAsync(campaignId, cancellationToken);

    public ValueTask<Core.Content.ReviewLedger> ReadReviewsAsync(string campaignId, CancellationToken cancellationToken) =>
        inner.ReadReviewsAsync(campaignId, cancellationToken);

    public ValueTask<Core.Content.ReviewOutcome> ReviewAsync(string campaignId, Core.Content.ReviewEntry entry, CancellationToken cancellationToken) =>
        inner.ReviewAsync(campaignId, entry, cancellationToken);

    public ValueTask<Core.Commissions.StatementDecisions> ReadDecisionsAsync(string campaignId, CancellationToken cancellationToken) =>
        inner.ReadDecisionsAsync(campaignId, cancellationToken);

    public ValueTask<Core.Commissions.DecisionOutcome> DecideAsync(string campaignId, Core.Commissions.StatementDecision decision, CancellationToken cancellationToken) =>
        inner.DecideAsync(campaignId, decision, cancellationToken);

    public ValueTask<IReadOnlyList<Core.Authenticity.FlaggedAccount>> ReadFlaggedAccountsAsync(FlagScope scope, CancellationToken cancellationToken) =>
        inner.ReadFlaggedAccountsAsync(scope, cancellationToken);

    public ValueTask<IReadOnlyList<Alert>> ReadAlertsAsync(string campaignId, CancellationToken cancellationToken) => inner.ReadAlertsAsync(campaignId, cancellationToken);
}
